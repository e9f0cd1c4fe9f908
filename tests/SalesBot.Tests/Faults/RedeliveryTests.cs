using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SalesBot.Deals;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>The same delivery five times, and forged, stale, replayed and cross-team requests, on both channels.</summary>
public sealed class RedeliveryTests : IAsyncLifetime
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private BothChannels _channels = null!;
    private FakeSlack _slack = null!;
    private FakeBotFramework _bf = null!;
    private SalesBotApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _channels = await BothChannels.StartAsync();
        (_slack, _bf, _app) = (_channels.Slack, _channels.BotFramework, _channels.App);
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _channels.DisposeAsync();
    }

    private Task<IReadOnlyList<Deal>> DealsAsync(string tenant) =>
        _app.Service<IDealStore>().ListAsync(tenant, new DealQuery(OpenOnly: false), CancellationToken.None);

    private JsonObject TeamsMessage(string text, string id) => _bf.PersonalMessage(text, id);

    private async Task<HttpStatusCode> PostTeamsAsync(JsonNode activity, string authorization)
    {
        using var request = FakeBotFramework.Post(activity, authorization);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task The_same_slack_event_five_times_and_the_same_teams_activity_five_times_are_each_applied_once()
    {
        var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal new Once Only 5k", ts = "1.1" };
        for (var i = 0; i < 5; i++)
        {
            var request = SlackRequests.Signed("/api/slack/events", SlackRequests.Event("Ev-5X", dm), "application/json", _app.Clock.GetUtcNow());
            request.Headers.Add("X-Slack-Retry-Num", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await PostTeamsAsync(TeamsMessage("deal new Twice Never 5k", "act-5x"), "Bearer " + _bf.Token(_app.Clock.GetUtcNow())));
        }

        await _slack.NextAsync("chat.postMessage");
        await _bf.NextAsync();
        Assert.Null(await _bf.TryNextAsync(0.5));
        Assert.Single(_slack.AllCalls, c => c.Method == "chat.postMessage");
        Assert.Equal(["Once Only"], (await DealsAsync("slack-T1")).Select(d => d.Name));
        Assert.Equal(["Twice Never"], (await DealsAsync("teams-" + TenantId)).Select(d => d.Name));
    }

    [Fact]
    public async Task Forged_stale_replayed_and_cross_team_requests_change_nothing()
    {
        var now = _app.Clock.GetUtcNow();
        var body = SlackRequests.CommandForm("new Forged 1k");

        // Slack: a request captured and replayed six minutes later; the same body re-signed for another team with a wrong
        // secret; a signed body whose team was edited afterwards.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(SlackRequests.Signed("/api/slack/commands", body, "application/x-www-form-urlencoded", now.AddMinutes(-6)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm("new Forged 1k", team: "T2"), "application/x-www-form-urlencoded", now, secret: "guessed"))).StatusCode);
        var edited = SlackRequests.Signed("/api/slack/commands", body, "application/x-www-form-urlencoded", now);
        edited.Content = new StringContent(body.Replace("team_id=T1", "team_id=T2", StringComparison.Ordinal), Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(edited)).StatusCode);

        // Teams: no token; a stale token; a token whose serviceurl points elsewhere; a valid activity replayed.
        Assert.Equal(HttpStatusCode.Unauthorized, await PostTeamsAsync(TeamsMessage("deal new Forged 1k", "f1"), ""));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostTeamsAsync(TeamsMessage("deal new Forged 1k", "f2"), "Bearer " + _bf.Token(now, validFrom: TimeSpan.FromHours(-3))));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostTeamsAsync(TeamsMessage("deal new Forged 1k", "f3"), "Bearer " + _bf.Token(now, serviceUrl: "https://smba.trafficmanager.net/emea/")));
        var token = "Bearer " + _bf.Token(now);
        Assert.Equal(HttpStatusCode.OK, await PostTeamsAsync(TeamsMessage("deal new Replayed 1k", "r1"), token));
        Assert.Equal(HttpStatusCode.OK, await PostTeamsAsync(TeamsMessage("deal new Replayed 1k", "r1"), token));
        await _bf.NextAsync();

        Assert.Empty(await DealsAsync("slack-T1"));
        Assert.Empty(await DealsAsync("slack-T2"));
        Assert.Equal(["Replayed"], (await DealsAsync("teams-" + TenantId)).Select(d => d.Name));
        Assert.Empty(_slack.AllCalls);
    }
}
