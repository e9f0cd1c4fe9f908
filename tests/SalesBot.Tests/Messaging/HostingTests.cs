using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Messaging;

public class HostingTests
{
    [Fact]
    public async Task Dev_endpoint_answers_json_with_a_text_fallback_and_health_endpoints_report_ready()
    {
        await using var app = await SalesBotApp.StartAsync();
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/dev/messages", new { tenant = "t1", user = "u1", userName = "Ann", text = "deal new Acme Corp 50k enterprise" });
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"text\":\"Created Acme Corp", json);
        Assert.Contains("\"buttons\":[{\"label\":\"Advance to Contact\"", json);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Health_answers_say_which_release_and_commit_is_running()
    {
        await using var app = await SalesBotApp.StartAsync();
        using var client = app.CreateClient();

        var body = await client.GetStringAsync("/healthz");
        var health = System.Text.Json.JsonDocument.Parse(body).RootElement;
        var version = health.GetProperty("version").GetString()!;

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+(\+[0-9a-f]{7,40})?$", version);
        Assert.Contains($"\"version\":\"{version}\"", body, StringComparison.Ordinal);
        var changelog = File.ReadAllText(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../CHANGELOG.md")));
        Assert.Contains("## " + version.Split('+')[0], changelog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_endpoint_does_not_exist_outside_development_unless_enabled()
    {
        await using var production = await SalesBotApp.StartAsync(environment: "Production");
        using var closed = await production.CreateClient().PostAsJsonAsync("/api/dev/messages", new { tenant = "t1", user = "u1", text = "deal help" });
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);

        await using var enabled = await SalesBotApp.StartAsync(new() { ["DevChat:Enabled"] = "true" }, environment: "Production");
        using var open = await enabled.CreateClient().PostAsJsonAsync("/api/dev/messages", new { tenant = "t1", user = "u1", text = "deal help" });
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task The_dev_endpoints_never_act_in_a_slack_or_teams_team()
    {
        await using var app = await SalesBotApp.StartAsync();
        using var client = app.CreateClient();
        foreach (var tenant in new[] { "slack-T0123ABCD", "teams-72f988bf-86f1-41af-91ab-2d7cd011db47", "Slack-T0123ABCD" })
        {
            using var message = await client.PostAsJsonAsync("/api/dev/messages", new { tenant, user = "u-maria", userName = "Maria", text = "config managers add @maria" });
            using var demo = await client.PostAsJsonAsync("/api/dev/demo", new { tenant });
            using var inbox = await client.GetAsync($"/api/dev/inbox?tenant={tenant}&user=u-maria");

            Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { message.StatusCode, demo.StatusCode, inbox.StatusCode });
            Assert.Matches("that team belongs to (Slack|Microsoft Teams)", await message.Content.ReadAsStringAsync());
            Assert.Empty(await app.Service<SalesBot.Deals.IDealStore>().ListAsync(tenant, new SalesBot.Deals.DealQuery(OpenOnly: false), CancellationToken.None));
            Assert.Empty((await app.Service<SalesBot.Tenants.TenantSettingsProvider>().GetAsync(tenant)).StoredSettings);
        }
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_the_dev_endpoint_on_outside_development_beside_channel_secrets()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SalesBotApp.StartAsync(
            new() { ["DevChat:Enabled"] = "true", ["Slack:SigningSecret"] = "s3cret", ["Slack:BotToken"] = "xoxb-1" }, environment: "Production"));

        Assert.Contains("Slack:SigningSecret, Slack:BotToken are set", failure.ToString());
        Assert.DoesNotContain("s3cret", failure.ToString());
    }

    [Fact]
    public async Task Channels_without_their_secrets_have_no_endpoints()
    {
        await using var app = await SalesBotApp.StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/messages", new StringContent("{\"type\":\"message\"}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/slack/commands", new StringContent("text=x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/slack/events", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task Dev_endpoint_rejects_a_message_without_tenant_or_user()
    {
        await using var app = await SalesBotApp.StartAsync();
        using var response = await app.CreateClient().PostAsJsonAsync("/api/dev/messages", new { tenant = "", user = "u1", text = "deal help" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Overlong_input_is_refused_with_a_clear_reply()
    {
        await using var app = await SalesBotApp.StartAsync();

        (await app.SayAsync("deal new " + new string('x', 4000))).ShouldFail("too long for a command", "the limit is 4000");
    }

    [Fact]
    public async Task Bad_configuration_stops_start_up_with_the_key_named()
    {
        // Start-up fails. Which exception the test host passes on then depends on timing (the validation error, or that
        // of the host torn down meanwhile), so what an operator reads is checked on the validator itself.
        await Assert.ThrowsAnyAsync<Exception>(() => SalesBotApp.StartAsync(new()
        {
            ["Tenants:Defaults:TimeZone"] = "Europe/Atlantis",
            ["Tenants:acme:FiscalYearStartMonth"] = "13",
        }));

        var result = new TenantsOptionsValidator().Validate(null, Bad());
        Assert.True(result.Failed);
        Assert.Contains("Tenants:Defaults:TimeZone 'Europe/Atlantis'", result.FailureMessage);
        Assert.Contains("Tenants:acme:FiscalYearStartMonth must be 1–12", result.FailureMessage);
    }

    [Fact]
    public async Task A_tenant_can_have_its_own_process_and_currency()
    {
        await using var app = await SalesBotApp.StartAsync(new()
        {
            ["Tenants:nordics:Currency"] = "SEK",
            ["Tenants:nordics:SalesProcess:Stages:0:Name"] = "Qualify",
            ["Tenants:nordics:SalesProcess:Stages:0:Probability"] = "25",
            ["Tenants:nordics:SalesProcess:Stages:0:StallDays:Smb"] = "2",
            ["Tenants:nordics:SalesProcess:Stages:0:StallDays:MidMarket"] = "4",
            ["Tenants:nordics:SalesProcess:Stages:0:StallDays:Enterprise"] = "6",
            ["Tenants:nordics:SalesProcess:Stages:1:Name"] = "Negotiate",
            ["Tenants:nordics:SalesProcess:Stages:1:Probability"] = "70",
            ["Tenants:nordics:SalesProcess:Stages:1:StallDays:Smb"] = "2",
            ["Tenants:nordics:SalesProcess:Stages:1:StallDays:MidMarket"] = "4",
            ["Tenants:nordics:SalesProcess:Stages:1:StallDays:Enterprise"] = "6",
        });

        (await app.SayAsync("deal new Volvo 100k", tenant: "nordics")).ShouldSucceed("in Qualify", "SEK 100,000");
        (await app.SayAsync("deal advance Volvo", tenant: "nordics")).ShouldSucceed("from Qualify to Negotiate (70 %)");
        (await app.SayAsync("deal advance Volvo", tenant: "nordics")).ShouldFail("already in Negotiate, the last stage");
        (await app.SayAsync("deal new Volvo 100k", tenant: "other")).ShouldSucceed("in Prospecting", "DKK 100,000");
    }

    [Fact]
    public void Every_sentence_the_code_asks_for_exists_in_the_resources()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/SalesBot"));
        var keys = XDocument.Load(Path.Combine(root, "Messaging/Strings.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var code = string.Join("\n", Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));

        var literal = Regex.Matches(code, @"(?:\bt|Text|_t)\[\s*""([A-Za-z_]+)""\s*[,\]]").Select(m => m.Groups[1].Value);
        var refusals = Regex.Matches(code, @"DealRefusal\(""([A-Za-z]+)""").Select(m => "Refusal_" + m.Groups[1].Value);
        var parseErrors = code.Split('\n').Where(l => l.Contains("ParseError(", StringComparison.Ordinal))
            .SelectMany(l => Regex.Matches(l, @"""([A-Z][A-Za-z]+)""").Select(m => "Parse" + m.Groups[1].Value));
        var verbs = SalesBot.Commands.DealVerbs.Names.Where(v => v != "help")
            .SelectMany(v => new[] { "Usage_" + v, "Example_" + v, "Help_" + v });

        var enums = Enum.GetNames<SalesBot.Deals.Segment>().Select(n => "Segment_" + n)
            .Concat(Enum.GetNames<SalesBot.Deals.InteractionKind>().Select(n => "Kind_" + n))
            .Concat(Enum.GetNames<SalesBot.Commands.DealField>().Select(n => "Field_" + n))
            .Concat(Enum.GetNames<SalesBot.Deals.ForecastCategory>().Select(n => "Category_" + n))
            .Concat(new[] { "pipeline", "stalled", "config" }.SelectMany(n => new[] { "Usage_" + n, "Example_" + n }));

        var missing = literal.Concat(refusals).Concat(parseErrors).Concat(verbs).Concat(enums).Distinct().Where(k => !keys.Contains(k)).ToArray();
        Assert.Empty(missing);
    }

    private static TenantsOptions Bad()
    {
        var o = new TenantsOptions();
        o.Tenants["Defaults"] = new TenantOptions { TimeZone = "Europe/Atlantis" };
        o.Tenants["acme"] = new TenantOptions { FiscalYearStartMonth = 13 };
        return o;
    }
}
