using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Deals;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Slack;

/// <summary>Slack end to end: signed requests through the real pipeline, a fake Slack on loopback, Azurite.</summary>
public sealed class SlackChannelTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SalesBotApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _app = await SalesBotApp.StartAsync(new()
        {
            ["Slack:SigningSecret"] = SlackRequests.Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString(),
        });
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/x-www-form-urlencoded") =>
        await _http.SendAsync(SlackRequests.Signed(path, body, contentType, _app.Clock.GetUtcNow()));

    private Task<IReadOnlyList<Deal>> DealsAsync(string tenant = "slack-T1") =>
        _app.Service<IDealStore>().ListAsync(tenant, new DealQuery(OpenOnly: false), CancellationToken.None);

    [Fact]
    public async Task A_slash_command_creates_the_deal_and_answers_with_block_kit()
    {
        using var response = await PostAsync("/api/slack/commands", SlackRequests.CommandForm("new Acme Corp 50k enterprise"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Created Acme Corp", json.GetProperty("text").GetString());
        Assert.Equal("ephemeral", json.GetProperty("response_type").GetString());
        var blocks = json.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        var actions = blocks.Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements").EnumerateArray().ToArray();
        Assert.Equal("primary", actions[0].GetProperty("style").GetString());
        Assert.StartsWith("deal advance D-", actions[0].GetProperty("value").GetString());
        var deal = Assert.Single(await DealsAsync());
        Assert.Equal(("UANN", "Acme Corp", 50_000m), (deal.Owner.Id, deal.Name, deal.Amount!.Value.Amount));
    }

    [Fact]
    public async Task A_member_whose_slack_speaks_danish_gets_danish_answers_without_any_setting()
    {
        _slack.Locales["UANN"] = "da-DK";

        using var response = await PostAsync("/api/slack/commands", SlackRequests.CommandForm("ny Nordlys Energi 1,2 mio. kr. enterprise lukker 31/12"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var deal = Assert.Single(await DealsAsync());
        Assert.Equal(
            $"Nordlys Energi ({deal.Id}) er oprettet i Prospecting: DKK 1.200.000, Enterprise, ejer {deal.Owner.Name}. Forventet lukning 31. dec. 2026.",
            json.GetProperty("text").GetString());
        var buttons = json.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements").EnumerateArray();
        Assert.Contains(buttons, b => b.GetProperty("text").GetProperty("text").GetString() == "Flyt til Contact");
    }

    [Fact]
    public async Task Unsigned_stale_or_forged_requests_get_401_and_change_nothing()
    {
        var body = SlackRequests.CommandForm("new Forged 1k");
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/slack/commands") { Content = new StringContent(body) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(unsigned)).StatusCode);

        var stale = SlackRequests.Signed("/api/slack/commands", body, "application/x-www-form-urlencoded", _app.Clock.GetUtcNow().AddMinutes(-6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(stale)).StatusCode);

        var forged = SlackRequests.Signed("/api/slack/commands", body, "application/x-www-form-urlencoded", _app.Clock.GetUtcNow(), secret: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(forged)).StatusCode);

        var events = SlackRequests.Signed("/api/slack/events", SlackRequests.Event("Ev-F", new { type = "app_mention" }), "application/json", _app.Clock.GetUtcNow(), secret: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(events)).StatusCode);

        Assert.Empty(await DealsAsync());
        Assert.Empty(_slack.AllCalls);
    }

    [Fact]
    public async Task Ssl_check_is_answered_without_anything_else_being_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/commands") { Content = new StringContent("ssl_check=1&token=x&text=new+Sneaky+1k") };
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await DealsAsync());
    }

    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        using var response = await PostAsync("/api/slack/events", """{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""", "application/json");

        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task A_mention_runs_the_command_and_answers_privately_in_the_channel()
    {
        var mention = new { type = "app_mention", user = "UANN", text = "<@UBOT> deal new Globex 20k", ts = "1764230400.000300", channel = "C1", event_ts = "1764230400.000300" };
        using var response = await PostAsync("/api/slack/events", SlackRequests.Event("Ev-M1", mention), "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var posted = await _slack.NextAsync("chat.postEphemeral");
        Assert.Equal("Bearer xoxb-test", posted.Authorization);
        Assert.Equal(("C1", "UANN"), (posted.Json.GetProperty("channel").GetString(), posted.Json.GetProperty("user").GetString()));
        Assert.StartsWith("Created Globex", posted.Json.GetProperty("text").GetString());
        Assert.Contains("owner Ann", posted.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_dm_and_bot_messages_are_ignored()
    {
        var fromBot = new { type = "message", channel_type = "im", channel = "D1", bot_id = "B1", user = "UBOT", text = "deal new Loop 1k", ts = "1.1" };
        var edited = new { type = "message", subtype = "message_changed", channel_type = "im", channel = "D1", user = "UANN", text = "deal new Edit 1k", ts = "1.2" };
        var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal new Initech 5k", ts = "1.3" };
        await PostAsync("/api/slack/events", SlackRequests.Event("Ev-B", fromBot), "application/json");
        await PostAsync("/api/slack/events", SlackRequests.Event("Ev-E", edited), "application/json");
        await PostAsync("/api/slack/events", SlackRequests.Event("Ev-D", dm), "application/json");

        var posted = await _slack.NextAsync("chat.postMessage");
        Assert.Equal("D1", posted.Json.GetProperty("channel").GetString());
        Assert.StartsWith("Created Initech", posted.Json.GetProperty("text").GetString());
        Assert.Equal(["Initech"], (await DealsAsync()).Select(d => d.Name));
    }

    [Fact]
    public async Task The_same_event_delivered_three_times_is_applied_once()
    {
        var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal new Hooli 5k", ts = "2.1" };
        for (var retry = 0; retry < 3; retry++)
        {
            var request = SlackRequests.Signed("/api/slack/events", SlackRequests.Event("Ev-R", dm), "application/json", _app.Clock.GetUtcNow());
            if (retry > 0)
            {
                request.Headers.Add("X-Slack-Retry-Num", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
            }

            Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
        }

        await _slack.NextAsync("chat.postMessage");
        var marker = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal list", ts = "2.2" };
        await PostAsync("/api/slack/events", SlackRequests.Event("Ev-R2", marker), "application/json");
        Assert.Contains("Your open deals (1)", (await _slack.NextAsync("chat.postMessage")).Json.GetProperty("text").GetString());
        Assert.Single(await DealsAsync());
        Assert.Equal(2, _slack.AllCalls.Count(c => c.Method == "chat.postMessage"));
    }

    [Fact]
    public async Task A_button_click_runs_its_command_as_the_clicker_and_replaces_the_message_once()
    {
        var created = await PostAsync("/api/slack/commands", SlackRequests.CommandForm("new Stark 10k"));
        var value = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("blocks").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0].GetProperty("value").GetString()!;

        var click = SlackRequests.Click(value, _slack.ResponseUrl("click-1"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/slack/interactions", click)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/slack/interactions", click)).StatusCode);

        var update = await _slack.NextAsync("response");
        Assert.True(update.Json.GetProperty("replace_original").GetBoolean());
        Assert.StartsWith("Moved Stark from Prospecting to Contact", update.Json.GetProperty("text").GetString());
        Assert.Equal("", update.Authorization);
        var deal = Assert.Single(await DealsAsync());
        Assert.Equal("contact", deal.Stage);

        var bob = SlackRequests.Click("deal advance " + deal.Id, _slack.ResponseUrl("click-2"), user: "UBOB");
        await PostAsync("/api/slack/interactions", bob);
        Assert.StartsWith("Stark belongs to Ann", (await _slack.NextAsync("response")).Json.GetProperty("text").GetString());
        Assert.Equal("contact", (await DealsAsync())[0].Stage);
    }

    [Fact]
    public async Task A_choice_offered_to_one_person_does_nothing_when_someone_else_clicks_it()
    {
        await PostAsync("/api/slack/commands", SlackRequests.CommandForm("new Acme Robotics 10k"));
        await PostAsync("/api/slack/commands", SlackRequests.CommandForm("new Acme Shipping 20k"));
        var choice = await PostAsync("/api/slack/commands", SlackRequests.CommandForm("lost acme chose a competitor"));
        var button = JsonDocument.Parse(await choice.Content.ReadAsStringAsync()).RootElement.GetProperty("blocks").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
        Assert.EndsWith("-for-UANN", button.GetProperty("action_id").GetString());

        var payload = JsonNode.Parse(SlackRequests.ClickPayload(button.GetProperty("value").GetString()!, _slack.ResponseUrl("click-m"), user: "UMARIA"))!;
        payload["actions"]![0]!["action_id"] = button.GetProperty("action_id").GetString();
        await PostAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()));

        var answer = await _slack.NextAsync("response");
        Assert.Equal("ephemeral", answer.Json.GetProperty("response_type").GetString());
        Assert.False(answer.Json.TryGetProperty("replace_original", out var replace) && replace.GetBoolean());
        Assert.StartsWith("This choice was offered to ", answer.Json.GetProperty("text").GetString());
        Assert.Contains("To do it yourself, type: deal lost D-", answer.Json.GetProperty("text").GetString());
        Assert.All(await DealsAsync(), d => Assert.Null(d.ClosedAt));
    }

    [Fact]
    public async Task A_rate_limited_post_waits_for_retry_after_then_retries_errors_and_is_delivered_once()
    {
        _slack.Fail("chat.postMessage", (429, 2), (500, null));
        var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal help", ts = "3.1" };
        await PostAsync("/api/slack/events", SlackRequests.Event("Ev-429", dm), "application/json");

        // Retries wait on the app's clock: the test moves time in small steps and sees when the next attempt comes.
        Assert.Equal(429, await _slack.NextAttemptAsync("chat.postMessage"));
        var (status, waited) = await AdvanceUntilAttemptAsync("chat.postMessage");
        Assert.Equal(500, status);
        Assert.True(waited >= TimeSpan.FromSeconds(2), $"retried after {waited}, before Retry-After");
        Assert.Equal(200, (await AdvanceUntilAttemptAsync("chat.postMessage")).Status);

        var delivered = await _slack.NextAsync("chat.postMessage");
        Assert.Contains("SalesBot deal commands", delivered.Json.GetProperty("text").GetString());
        Assert.Equal(3, _slack.AllCalls.Count(c => c.Method == "chat.postMessage"));
    }

    private async Task<(int? Status, TimeSpan Waited)> AdvanceUntilAttemptAsync(string method)
    {
        var step = TimeSpan.FromMilliseconds(250);
        for (var waited = step; waited <= TimeSpan.FromSeconds(30); waited += step)
        {
            _app.Clock.Advance(step);
            if (await _slack.NextAttemptAsync(method, seconds: 0.1) is { } status)
            {
                return (status, waited);
            }
        }

        return (null, TimeSpan.MaxValue);
    }

    [Fact]
    public async Task In_a_workspace_without_managers_only_a_workspace_admin_names_the_first_one()
    {
        await using var app = await SalesBotApp.StartAsync(new()
        {
            ["Slack:SigningSecret"] = SlackRequests.Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString(),
            ["Tenants:Defaults:Managers:0"] = null,
        });
        using var http = app.CreateClient();
        _slack.Admins.Add("UBOSS");
        async Task<string> SayAsync(string text, string user)
        {
            using var response = await http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm(text, user: user, userName: user.ToLowerInvariant()), "application/x-www-form-urlencoded", app.Clock.GetUtcNow()));
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString()!;
        }

        Assert.Contains("only a workspace admin or owner can name the first one", await SayAsync("config managers add <@UREP>", "UREP"));
        Assert.Empty((await app.Service<TenantSettingsProvider>().GetAsync("slack-T1")).Managers);

        Assert.Contains("is now a manager", await SayAsync("config managers add <@UBOSS>", "UBOSS"));
        app.Service<TenantSettingsProvider>().Invalidate("slack-T1");
        Assert.Equal(["UBOSS"], (await app.Service<TenantSettingsProvider>().GetAsync("slack-T1")).Managers);
        Assert.Contains("Only managers can change", await SayAsync("config managers add <@UREP>", "UREP"));
    }
}
