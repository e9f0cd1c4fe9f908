using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Slack;

/// <summary>Slow storage, OAuth installs and Socket Mode: each test has its own app and fake Slack.</summary>
public sealed class SlackDeliveryTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task When_storage_is_slower_than_the_budget_slack_gets_an_answer_in_time_and_the_result_via_response_url()
    {
        var slow = new SlowStorage();
        await using var app = await SalesBotApp.StartAsync(
            new()
            {
                ["Slack:SigningSecret"] = SlackRequests.Secret,
                ["Slack:BotToken"] = "xoxb-test",
                ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString(),
                ["Storage:OperationTimeout"] = "00:00:10",
            },
            services: s => s.AddSingleton<HttpPipelinePolicy>(slow));
        using var http = app.CreateClient();
        await http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm("new Wayne 10k"), "application/x-www-form-urlencoded", app.Clock.GetUtcNow()));

        slow.Delay = TimeSpan.FromSeconds(2.5);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(SlackRequests.Signed(
            "/api/slack/commands", SlackRequests.CommandForm("advance Wayne", responseUrl: _slack.ResponseUrl("slow")), "application/x-www-form-urlencoded", app.Clock.GetUtcNow()));
        var answeredIn = clock.Elapsed;

        Assert.True(answeredIn < TimeSpan.FromSeconds(3), $"answered in {answeredIn}");
        Assert.Equal("Working on it…", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString());
        var later = await _slack.NextAsync("response", seconds: 20);
        Assert.StartsWith("Moved Wayne from Prospecting to Contact", later.Json.GetProperty("text").GetString());
        Assert.Equal("ephemeral", later.Json.GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task An_oauth_install_stores_an_encrypted_working_installation_and_uninstall_removes_it()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var app = await SalesBotApp.StartAsync(new()
        {
            ["Slack:SigningSecret"] = SlackRequests.Secret,
            ["Slack:ClientId"] = "client-1",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:TokenEncryptionKey"] = key,
            ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString(),
            ["Slack:AuthorizeUrl"] = new Uri(_slack.BaseUrl, "oauth/v2/authorize").ToString(),
            ["Slack:RedirectUrl"] = "https://salesbot.example.com/api/slack/oauth/callback",
            ["Tenants:Defaults:Managers:0"] = null,
        });
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        // A spoofed Host never becomes the redirect address.
        using var installRequest = new HttpRequestMessage(HttpMethod.Get, "/api/slack/install");
        installRequest.Headers.Host = "evil.example";
        using var install = await http.SendAsync(installRequest);
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var location = install.Headers.Location!.ToString();
        Assert.StartsWith(new Uri(_slack.BaseUrl, "oauth/v2/authorize").ToString(), location);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal("client-1", query["client_id"].ToString());
        Assert.Contains("chat:write", query["scope"].ToString().Split(','));
        var state = query["state"].ToString();
        Assert.Equal("https://salesbot.example.com/api/slack/oauth/callback", query["redirect_uri"].ToString());
        Assert.Contains(install.Headers.GetValues("Set-Cookie"), c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));

        // The genuine state in another browser (no cookie) is refused.
        using var otherBrowser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var elsewhere = await otherBrowser.GetAsync($"/api/slack/oauth/callback?code=abc&state={Uri.EscapeDataString(state)}");
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);

        using var forged = await http.GetAsync("/api/slack/oauth/callback?code=abc&state=" + Uri.EscapeDataString(state[..^1] + (state[^1] == '0' ? "1" : "0")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var callback = await http.GetAsync($"/api/slack/oauth/callback?code=abc&state={Uri.EscapeDataString(state)}");
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var exchange = await _slack.NextAsync("oauth.v2.access");
        Assert.Equal(["UINSTALLER"], (await app.Service<SalesBot.Tenants.TenantSettingsProvider>().GetAsync("slack-T9")).Managers);
        Assert.Contains("redirect_uri=https%3A%2F%2Fsalesbot.example.com%2Fapi%2Fslack%2Foauth%2Fcallback", exchange.Body);
        Assert.Equal("Basic " + Convert.ToBase64String("client-1:client-secret"u8.ToArray()), exchange.Authorization);

        // The same link again, even from the same browser with its cookie restored, is refused: a state is used once.
        using var replay = new HttpRequestMessage(HttpMethod.Get, $"/api/slack/oauth/callback?code=abc&state={Uri.EscapeDataString(state)}");
        replay.Headers.Add("Cookie", "salesbot-slack-install=" + state.Split('.')[1]);
        using var replayed = await otherBrowser.SendAsync(replay);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("used already", await replayed.Content.ReadAsStringAsync());

        var table = new TableServiceClient(await Azurite.ConnectionStringAsync()).GetTableClient(app.TablePrefix + "SlackInstallations");
        var row = (await table.GetEntityAsync<TableEntity>("slack", "slack-T9")).Value;
        Assert.DoesNotContain("xoxb", row.GetString("Token"));

        var dm = new { type = "message", channel_type = "im", channel = "D9", user = "UNINE", text = "deal new Nine Deal 1k", ts = "9.1" };
        await http.SendAsync(SlackRequests.Signed("/api/slack/events", SlackRequests.Event("Ev-9", dm, team: "T9"), "application/json", app.Clock.GetUtcNow()));
        Assert.Equal("Bearer xoxb-installed", (await _slack.NextAsync("chat.postMessage")).Authorization);
        Assert.Single(await app.Service<IDealStore>().ListAsync("slack-T9", new DealQuery(), CancellationToken.None));

        await http.SendAsync(SlackRequests.Signed("/api/slack/events", SlackRequests.Event("Ev-U", new { type = "app_uninstalled" }, team: "T9"), "application/json", app.Clock.GetUtcNow()));
        await app.Service<SalesBot.Messaging.InboundPipeline>().WhenIdleAsync();
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("slack", "slack-T9")).HasValue);
    }

    [Fact]
    public async Task Socket_mode_acknowledges_envelopes_and_runs_the_same_handlers()
    {
        await using var app = await SalesBotApp.StartAsync(new()
        {
            ["Slack:AppToken"] = "xapp-test",
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString(),
        });
        Assert.Equal("Bearer xapp-test", (await _slack.NextAsync("apps.connections.open")).Authorization);

        await _slack.SendSocketAsync(new
        {
            envelope_id = "env-1",
            type = "slash_commands",
            accepts_response_payload = true,
            payload = new { team_id = "T1", channel_id = "C1", user_id = "UANN", user_name = "ann", command = "/deal", text = "new Wayne Tech 10k", trigger_id = "t-1" },
        });
        var ack = await _slack.NextAckAsync();
        Assert.Equal("env-1", ack.GetProperty("envelope_id").GetString());
        Assert.StartsWith("Created Wayne Tech", ack.GetProperty("payload").GetProperty("text").GetString());

        var dm = JsonDocument.Parse(SlackRequests.Event("Ev-S1", new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal advance wayne", ts = "5.1" })).RootElement;
        await _slack.SendSocketAsync(new { envelope_id = "env-2", type = "events_api", accepts_response_payload = false, payload = dm });
        Assert.Equal("env-2", (await _slack.NextAckAsync()).GetProperty("envelope_id").GetString());
        Assert.StartsWith("Moved Wayne Tech", (await _slack.NextAsync("chat.postMessage")).Json.GetProperty("text").GetString());

        await _slack.SendSocketAsync(new { type = "disconnect", reason = "refresh_requested" });
        Assert.Equal("Bearer xapp-test", (await _slack.NextAsync("apps.connections.open")).Authorization);

        using var http = app.CreateClient();
        using var closed = await http.PostAsync("/api/slack/commands", new StringContent("x=1"));
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
    }

    [Fact]
    public async Task A_socket_mode_connection_that_stops_answering_pings_is_replaced()
    {
        _slack.SilentSockets = true;
        await using var app = await SalesBotApp.StartAsync(new()
        {
            ["Slack:AppToken"] = "xapp-test",
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString(),
            ["Slack:SocketPingInterval"] = "00:00:00.2",
            ["Slack:SocketPingTimeout"] = "00:00:00.5",
        });
        await _slack.NextSocketAsync();
        _slack.SilentSockets = false;

        await _slack.NextSocketAsync();
        await _slack.SendSocketAsync(new
        {
            envelope_id = "env-after-silence",
            type = "slash_commands",
            accepts_response_payload = true,
            payload = new { team_id = "T1", channel_id = "C1", user_id = "UANN", user_name = "ann", command = "/deal", text = "help", trigger_id = "t-s" },
        });

        Assert.Equal("env-after-silence", (await _slack.NextAckAsync()).GetProperty("envelope_id").GetString());
        Assert.Equal(2, _slack.SocketsOpened);
    }

    [Fact]
    public async Task A_socket_mode_envelope_over_one_megabyte_is_not_handled_and_the_connection_is_replaced()
    {
        await using var app = await SalesBotApp.StartAsync(new()
        {
            ["Slack:AppToken"] = "xapp-test",
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString(),
        });
        await _slack.NextSocketAsync();
        var huge = JsonSerializer.SerializeToUtf8Bytes(new
        {
            envelope_id = "env-huge",
            type = "slash_commands",
            accepts_response_payload = true,
            payload = new { team_id = "T1", channel_id = "C1", user_id = "UANN", command = "/deal", text = "new Huge Co 10k " + new string('x', 3 << 20), trigger_id = "t-h" },
        });

        try
        {
            await _slack.SendSocketBytesAsync(huge);
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // SalesBot may hang up before the rest of the envelope is written: that is the point.
        }

        await _slack.NextSocketAsync();
        await _slack.SendSocketAsync(new { envelope_id = "env-next", type = "events_api", accepts_response_payload = false, payload = new { type = "app_rate_limited" } });
        Assert.Equal("env-next", (await _slack.NextAckAsync()).GetProperty("envelope_id").GetString());
        Assert.Empty(await app.Service<IDealStore>().ListAsync("slack-T1", new DealQuery(OpenOnly: false), CancellationToken.None));
    }

    [Fact]
    public async Task Slack_errors_surface_with_slacks_error_string()
    {
        await using var app = await SalesBotApp.StartAsync(new() { ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString() });
        var api = app.Service<SalesBot.Slack.SlackWebApi>();

        var error = await Assert.ThrowsAsync<SalesBot.Slack.SlackApiException>(() => api.UpdateAsync("xoxb-test", new("x", Channel: "C-GONE", Ts: "1.1"), CancellationToken.None));

        Assert.Equal("channel_not_found", error.Error);
        Assert.Equal("D-DM1", await api.OpenConversationAsync("xoxb-test", "UANN", CancellationToken.None));
    }

}
