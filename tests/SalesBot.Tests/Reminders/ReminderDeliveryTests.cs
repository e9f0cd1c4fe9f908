using SalesBot.DevChat;
using SalesBot.Reminders;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Reminders;

public class ReminderDeliveryTests
{
    /// <summary>Monday 7 December 2026, 09:00 in Copenhagen.</summary>
    private static readonly DateTimeOffset DueMorning = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Managers_get_a_weekly_digest_of_ignored_nudges_and_slipping_close_dates()
    {
        await using var app = await SalesBotApp.StartAsync();
        var tenant = AppFixture.NewTenant();
        var acme = (await app.SayAsync("deal new Acme 10k smb", "u-ann", "Ann", tenant)).DealId();
        var globex = (await app.SayAsync("deal new Globex 20k close dec 20", "u-ann", "Ann", tenant)).DealId();
        await app.SayAsync("deal set Globex close 2027-01-15", "u-ann", "Ann", tenant);
        await app.SayAsync("deal set Globex close 2027-01-31", "u-ann", "Ann", tenant);
        var scanner = app.Service<ReminderScanner>();
        var inbox = app.Service<DevInbox>();

        app.Clock.SetUtcNow(DueMorning);
        await scanner.ScanAsync(CancellationToken.None);
        app.Clock.SetUtcNow(DueMorning.AddDays(3));
        await scanner.ScanAsync(CancellationToken.None);
        Assert.Equal(2, inbox.For(tenant, "u-ann").Count);
        Assert.Empty(inbox.For(tenant, "u-maria"));

        // Monday 14 December, 08:00 in Copenhagen.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 7, 0, 0, TimeSpan.Zero));
        await scanner.ScanAsync(CancellationToken.None);
        await scanner.ScanAsync(CancellationToken.None);

        var digest = Assert.Single(inbox.For(tenant, "u-maria")).Reply;
        Assert.Equal("Weekly digest · 14 Dec 2026", digest.Header);
        Assert.Equal("Stalled, with reminders ignored: 1 deal. Close date slipped twice or more: 1 deal.", digest.Lead);
        Assert.Equal(
            [
                "Ann (1 stalled):",
                $"Acme ({acme}) · Prospecting · 6 business days over the limit · 2 reminders · DKK 10,000",
                "Close date slipped twice or more (1):",
                $"Globex ({globex}) · Ann · slipped 2 times · now 31 Jan 2027",
            ],
            digest.Items);
        Assert.Equal(["stalled team", "deal list slipped", "pipeline"], digest.Buttons.Select(b => b.Command));

        // One click from the digest to the slipped deals.
        var slipped = await app.ClickAsync(digest.Buttons[1], "u-maria", "Maria", tenant);
        Assert.Contains(slipped.Items, i => i.Contains("Globex", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slack_nudge_survives_429_and_500_and_is_posted_exactly_once_in_the_owners_dm()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var app = await SalesBotApp.StartAsync(new()
        {
            ["Slack:SigningSecret"] = SlackRequests.Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slack.ApiUrl.ToString(),
        });
        using var http = app.CreateClient();
        await http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm("new Initech 10k smb"), "application/x-www-form-urlencoded", app.Clock.GetUtcNow()));
        slack.Fail("chat.postMessage", (429, 1), (500, null));

        app.Clock.SetUtcNow(DueMorning);
        var scan = app.Service<ReminderScanner>().ScanAsync(CancellationToken.None);
        SlackCall? posted = null;
        for (var i = 0; i < 200 && posted is null; i++)
        {
            app.Clock.Advance(TimeSpan.FromMilliseconds(250));
            try
            {
                posted = await slack.NextAsync("chat.postMessage", seconds: 1);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.Equal(1, await scan);
        Assert.NotNull(posted);
        Assert.Equal("D-DM1", posted.Json.GetProperty("channel").GetString());
        Assert.StartsWith("Initech has been in Prospecting for 6 business days", posted.Json.GetProperty("text").GetString());
        Assert.Contains("UANN", slack.AllCalls.First(c => c.Method == "conversations.open").Body);

        Assert.Equal(0, await app.Service<ReminderScanner>().ScanAsync(CancellationToken.None));
        Assert.Equal(3, slack.AllCalls.Count(c => c.Method == "chat.postMessage"));
    }
}
