using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>
/// Slack's Web API and the Bot Connector fail 30 % of calls (429, 500, or no answer until the client's attempt timeout):
/// every reply still arrives exactly once.
/// </summary>
public sealed class ChannelFaultTests : IAsyncLifetime
{
    private BothChannels _channels = null!;
    private FakeSlack _slack = null!;
    private FakeBotFramework _bf = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _channels = await BothChannels.StartAsync();
        (_slack, _bf, _app) = (_channels.Slack, _channels.BotFramework, _channels.App);
    }

    public async Task DisposeAsync()
    {
        await _channels.DisposeAsync();
    }

    [Fact]
    public async Task Twenty_replies_through_flaky_channels_each_arrive_once()
    {
        _slack.FailRandomly(0.3, seed: 1);
        _bf.FailRandomly(0.3, seed: 2);
        using var http = _app.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = $"deal new \"Slack Deal {i}\" 1k", ts = $"7.{i}" };
            await http.SendAsync(SlackRequests.Signed("/api/slack/events", SlackRequests.Event($"Ev-F{i}", dm), "application/json", _app.Clock.GetUtcNow()));

            await TeamsAsync(http, $"deal new \"Teams Deal {i}\" 1k", $"flaky-{i}");
        }

        // Retry delays and attempt timeouts run on the app's clock: move it on until every reply is through (bounded).
        int SlackDelivered() => _slack.Delivered("chat.postMessage").Count;
        int FailedSlackPosts() => _slack.Failed("chat.postMessage");
        int TeamsDelivered() => _bf.AllCalls.Count(c => !c.Method.Contains(' ', StringComparison.Ordinal));
        await _app.AdvanceUntilIdleAsync(TimeSpan.FromMilliseconds(250));

        Assert.Equal(10, SlackDelivered());
        Assert.Equal(10, TeamsDelivered());
        var slackTexts = _slack.Delivered("chat.postMessage").Select(c => c.Body).ToArray();
        Assert.Equal(10, slackTexts.Length);
        for (var i = 0; i < 10; i++)
        {
            Assert.Single(slackTexts, b => b.Contains($"Slack Deal {i} ", StringComparison.Ordinal));
            Assert.Single(_bf.AllCalls, c => !c.Method.Contains(' ', StringComparison.Ordinal) && c.Body.Contains($"Teams Deal {i} ", StringComparison.Ordinal));
        }

        Assert.True(FailedSlackPosts() > 0 && _bf.AllCalls.Any(c => c.Method.Contains(' ', StringComparison.Ordinal)), "both fakes should have failed some calls");
        Assert.True(_slack.TimedOutCalls > 0 && _bf.AllCalls.Any(c => c.Method.EndsWith(" 0", StringComparison.Ordinal)), "both fakes should have left some calls unanswered");
    }

    [Fact]
    public async Task Nudges_through_flaky_channels_each_arrive_once()
    {
        using var http = _app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var created = await http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm($"new \"Slack Stall {i}\" 10k smb"), "application/x-www-form-urlencoded", _app.Clock.GetUtcNow()));
            created.EnsureSuccessStatusCode();
            await TeamsAsync(http, $"deal new \"Teams Stall {i}\" 10k smb", $"stall-{i}");
        }

        for (var i = 0; i < 5; i++)
        {
            await _bf.NextAsync();
        }

        // Monday 7 December 2026, 09:00 in Copenhagen: all ten deals are stalled in Prospecting and their owners at work.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        _slack.FailRandomly(0.3, seed: 3);
        _bf.FailRandomly(0.3, seed: 4);
        var scanner = _app.Service<SalesBot.Reminders.ReminderScanner>();
        string[] SlackNudges() => _slack.Delivered("chat.postMessage").Select(c => c.Body).Where(b => b.Contains("has been in Prospecting", StringComparison.Ordinal)).ToArray();
        string[] TeamsNudges() => _bf.AllCalls.Where(c => !c.Method.Contains(' ', StringComparison.Ordinal)).Select(c => c.Body)
            .Where(b => b.Contains("has been in Prospecting", StringComparison.Ordinal)).ToArray();

        // A scan that could not deliver leaves the nudge due again after the claim timeout (5 minutes): scan until all are out.
        for (var round = 0; round < 10 && SlackNudges().Length + TeamsNudges().Length < 10; round++)
        {
            await _app.AdvanceUntilAsync(scanner.ScanAsync(CancellationToken.None), TimeSpan.FromMilliseconds(250));
            _app.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Single(SlackNudges(), b => b.Contains($"Slack Stall {i} has been", StringComparison.Ordinal));
            Assert.Single(TeamsNudges(), b => b.Contains($"Teams Stall {i} has been", StringComparison.Ordinal));
        }

        Assert.True(_slack.TimedOutCalls > 0 && _bf.AllCalls.Any(c => c.Method.EndsWith(" 0", StringComparison.Ordinal)), "both fakes should have left some calls unanswered");
        Assert.Equal(0, await scanner.ScanAsync(CancellationToken.None));
    }

    private async Task TeamsAsync(HttpClient http, string text, string id)
    {
        using var request = FakeBotFramework.Post(_bf.PersonalMessage(text, id), "Bearer " + _bf.Token(_app.Clock.GetUtcNow()));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
