using SalesBot.Messaging;
using SalesBot.Storage;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>
/// An event or activity the bot accepted but never finished (the process stopped while handling it) is handled again
/// from what was recorded when it arrived; one that was finished is not.
/// </summary>
public sealed class InterruptedDeliveryTests : IAsyncLifetime
{
    private BothChannels _channels = null!;

    public async Task InitializeAsync() => _channels = await BothChannels.StartAsync();

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task A_slack_event_accepted_before_a_stop_is_answered_once_after_it()
    {
        var (slack, app) = (_channels.Slack, _channels.App);
        var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal new Umbrella 30k", ts = "9.1" };

        // What a stopped process leaves behind: the event recorded as accepted, never handled.
        Assert.True(await app.Service<Inbox>().TryClaimAsync("slack-T1", "slack", "event|Ev-STOP", CancellationToken.None, SlackRequests.Event("Ev-STOP", dm)));
        var replay = app.Service<InboxReplay>();
        Assert.Equal(0, await replay.ReplayAsync(CancellationToken.None)); // not yet: it might still be in hand

        // The app's own once-a-minute pass may get to it first, as the clock moves; either way it is answered once.
        app.Clock.Advance(Inbox.ReplayAfter + TimeSpan.FromSeconds(1));
        await replay.ReplayAsync(CancellationToken.None);
        var posted = await slack.NextAsync("chat.postMessage");
        Assert.Contains("Created Umbrella", posted.Body);
        await HandledAsync(app);

        // Slack delivering it once more, and later replay passes, change nothing.
        using var http = app.CreateClient();
        (await http.SendAsync(SlackRequests.Signed("/api/slack/events", SlackRequests.Event("Ev-STOP", dm), "application/json", app.Clock.GetUtcNow()))).EnsureSuccessStatusCode();
        app.Clock.Advance(Inbox.ReplayAfter * 2);
        Assert.Equal(0, await replay.ReplayAsync(CancellationToken.None));
        Assert.Single(slack.Delivered("chat.postMessage"), c => c.Body.Contains("Umbrella", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slack_click_accepted_before_a_stop_runs_once_after_it()
    {
        var (slack, app) = (_channels.Slack, _channels.App);
        using var http = app.CreateClient();
        var created = await http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm("new Oscorp 20k"), "application/x-www-form-urlencoded", app.Clock.GetUtcNow()));
        var id = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), @"\((D-[A-Z0-9]+)\)").Groups[1].Value;

        // Accepted (recorded, Slack told 200), then the process stopped before running it.
        var json = SlackRequests.ClickPayload($"deal advance {id} from prospecting", slack.ResponseUrl("stopped-click"));
        var actions = System.Text.Json.JsonSerializer.Deserialize<SalesBot.Slack.BlockActions>(json, SalesBot.Slack.SlackJson.Options)!;
        Assert.True(await app.Service<SalesBot.Slack.SlackBot>().AcceptClickAsync(actions, CancellationToken.None));
        var recorded = Assert.Single(await PendingPayloadsAsync(app), p => p.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain("trigger_id", recorded, StringComparison.Ordinal);

        app.Clock.Advance(Inbox.ReplayAfter + TimeSpan.FromSeconds(1));
        await app.Service<InboxReplay>().ReplayAsync(CancellationToken.None);
        var update = await slack.NextAsync("response");
        Assert.StartsWith("Moved Oscorp from Prospecting to Contact", update.Json.GetProperty("text").GetString());
        await HandledAsync(app);
        // Once answered, the record a replay needed (with its response_url) is gone.
        var inbox = app.Service<TableStorage>().Table(TableStorage.InboxTable);
        Assert.DoesNotContain(await inbox.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync(), e => e.GetString("Payload")?.Contains("stopped-click", StringComparison.Ordinal) == true);

        app.Clock.Advance(Inbox.ReplayAfter * 2);
        Assert.Equal(0, await app.Service<InboxReplay>().ReplayAsync(CancellationToken.None));
        Assert.Single(slack.AllCalls, c => c.Method == "response");
    }

    [Fact]
    public async Task A_teams_message_accepted_before_a_stop_is_answered_once_after_it()
    {
        var (bf, app) = (_channels.BotFramework, _channels.App);
        var activity = bf.PersonalMessage("deal new Stark 80k", "stopped-1");

        Assert.True(await app.Service<Inbox>().TryClaimAsync("teams-72f988bf-86f1-41af-91ab-2d7cd011db47", "teams", "stopped-1", CancellationToken.None, activity.ToJsonString()));
        app.Clock.Advance(Inbox.ReplayAfter + TimeSpan.FromSeconds(1));
        await app.Service<InboxReplay>().ReplayAsync(CancellationToken.None);

        var reply = await bf.NextAsync();
        Assert.Contains("Created Stark", reply.Body);
        Assert.Contains("/activities/stopped-1", reply.Path);
        await HandledAsync(app);
        app.Clock.Advance(Inbox.ReplayAfter * 2);
        Assert.Equal(0, await app.Service<InboxReplay>().ReplayAsync(CancellationToken.None));
        Assert.Single(bf.AllCalls, c => c.Body.Contains("Stark", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delivery_handled_to_the_end_is_not_replayed()
    {
        var (slack, app) = (_channels.Slack, _channels.App);
        using var http = app.CreateClient();
        var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal new Wayne 10k", ts = "9.2" };
        (await http.SendAsync(SlackRequests.Signed("/api/slack/events", SlackRequests.Event("Ev-DONE", dm), "application/json", app.Clock.GetUtcNow()))).EnsureSuccessStatusCode();
        Assert.Contains("Created Wayne", (await slack.NextAsync("chat.postMessage")).Body);

        await HandledAsync(app);
        app.Clock.Advance(Inbox.ReplayAfter * 2);
        Assert.Equal(0, await app.Service<InboxReplay>().ReplayAsync(CancellationToken.None));
        Assert.Single(slack.Delivered("chat.postMessage"), c => c.Body.Contains("Wayne", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> PendingPayloadsAsync(SalesBotApp app) =>
        (await app.Service<TableStorage>().Table(TableStorage.InboxTable).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.GetBoolean("Pending") == true).ToListAsync())
            .Select(e => e.GetString("Payload")).ToArray();

    /// <summary>The answer is out and the delivery is marked handled: the inbound work is done.</summary>
    private static async Task HandledAsync(SalesBotApp app)
    {
        await app.Service<InboundPipeline>().WhenIdleAsync();
        var inbox = app.Service<TableStorage>().Table(TableStorage.InboxTable);
        Assert.Empty((await inbox.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.GetBoolean("Pending") == true).ToListAsync()).Select(e => e.RowKey + " " + e.GetString("DeliveryId") + " " + e.GetInt32("Replays")));
    }
}
