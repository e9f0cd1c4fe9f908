using SalesBot.DevChat;
using SalesBot.Reminders;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Reminders;

/// <summary>Stall nudges end to end on Azurite with a fake clock; each test has its own app(s).</summary>
public class ReminderScannerTests
{
    /// <summary>Monday 7 December 2026, 09:00 in Copenhagen: the sixth business day after Friday 27 November.</summary>
    private static readonly DateTimeOffset DueMorning = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static async Task<string> NewDealAsync(SalesBotApp app, string tenant, string text = "deal new Acme 10k smb") =>
        (await app.SayAsync(text, "u-ann", "Ann", tenant)).DealId();

    [Fact]
    public async Task A_stalled_deal_is_nudged_once_when_it_crosses_the_limit_inside_working_hours_and_again_three_business_days_later()
    {
        await using var app = await SalesBotApp.StartAsync();
        var tenant = AppFixture.NewTenant();
        var id = await NewDealAsync(app, tenant);
        var scanner = app.Service<ReminderScanner>();
        var inbox = app.Service<DevInbox>();

        app.Clock.SetUtcNow(DueMorning.AddMinutes(-30));
        await scanner.ScanAsync(CancellationToken.None);
        Assert.Empty(inbox.For(tenant));

        app.Clock.SetUtcNow(DueMorning);
        await scanner.ScanAsync(CancellationToken.None);
        await scanner.ScanAsync(CancellationToken.None);
        var nudge = Assert.Single(inbox.For(tenant, "u-ann")).Reply;
        Assert.Equal("Acme has been in Prospecting for 6 business days, 1 over the limit of 5.", nudge.Lead);
        Assert.Contains("No interaction logged yet.", nudge.Text);
        Assert.Equal(
            [$"deal advance {id} from prospecting", $"deal log {id} call", $"deal snooze {id} 3d", $"deal lost {id}: went quiet"],
            nudge.Buttons.Select(b => b.Command));

        app.Clock.SetUtcNow(DueMorning.AddDays(2));
        await scanner.ScanAsync(CancellationToken.None);
        Assert.Single(inbox.For(tenant));
        app.Clock.SetUtcNow(DueMorning.AddDays(3));
        await scanner.ScanAsync(CancellationToken.None);
        Assert.Equal(2, inbox.For(tenant).Count);
        Assert.Contains("9 business days, 4 over", inbox.For(tenant)[^1].Reply.Lead);

        var shown = await app.SayAsync("deal show Acme", "u-maria", "Maria", tenant);
        Assert.Contains(shown.Items, i => i.Contains("SalesBot reminded Ann (reminder 2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_nudge_buttons_act_for_the_owner_and_end_the_episode()
    {
        await using var app = await SalesBotApp.StartAsync();
        var tenant = AppFixture.NewTenant();
        await NewDealAsync(app, tenant);
        await NewDealAsync(app, tenant, "deal new Globex 10k smb");
        var scanner = app.Service<ReminderScanner>();
        var inbox = app.Service<DevInbox>();
        app.Clock.SetUtcNow(DueMorning);
        await scanner.ScanAsync(CancellationToken.None);
        Assert.Equal(2, inbox.For(tenant).Count);

        var acme = inbox.For(tenant).Single(d => d.Reply.Lead!.StartsWith("Acme", StringComparison.Ordinal)).Reply;
        var globex = inbox.For(tenant).Single(d => d.Reply.Lead!.StartsWith("Globex", StringComparison.Ordinal)).Reply;
        (await app.SayAsync(acme.Buttons[0].Command, "u-ann", "Ann", tenant)).ShouldSucceed("Moved Acme from Prospecting to Contact");
        (await app.SayAsync(globex.Buttons[2].Command, "u-ann", "Ann", tenant)).ShouldSucceed("Snoozed Globex until 10 Dec 2026");

        // Wednesday: Acme is in a new stage (limit not reached) and Globex is snoozed until Thursday.
        app.Clock.SetUtcNow(DueMorning.AddDays(2));
        await scanner.ScanAsync(CancellationToken.None);
        Assert.Equal(2, inbox.For(tenant).Count);

        // Thursday: Globex's snooze is over, a new stall episode starts, and Globex is nudged again.
        app.Clock.SetUtcNow(DueMorning.AddDays(3));
        await scanner.ScanAsync(CancellationToken.None);
        Assert.Equal(3, inbox.For(tenant).Count);
        Assert.StartsWith("Globex", inbox.For(tenant)[^1].Reply.Lead);
        (await app.SayAsync(acme.Buttons[3].Command, "u-ann", "Ann", tenant)).ShouldSucceed("Marked Acme as lost: went quiet");
    }

    [Fact]
    public async Task Three_scanner_instances_on_one_storage_send_one_nudge_per_episode()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..16];
        await using var first = await SalesBotApp.StartAsync(tablePrefix: prefix);
        await using var second = await SalesBotApp.StartAsync(tablePrefix: prefix);
        await using var third = await SalesBotApp.StartAsync(tablePrefix: prefix);
        var apps = new[] { first, second, third };
        var tenant = AppFixture.NewTenant();
        for (var i = 0; i < 5; i++)
        {
            await NewDealAsync(first, tenant, $"deal new Deal{i} 10k smb");
        }

        foreach (var app in apps)
        {
            app.Clock.SetUtcNow(DueMorning);
        }

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(apps.Select(a => a.Service<ReminderScanner>().ScanAsync(CancellationToken.None)));
        }

        var delivered = apps.SelectMany(a => a.Service<DevInbox>().For(tenant)).ToArray();
        Assert.Equal(5, delivered.Length);
        Assert.Equal(5, delivered.Select(d => d.Reply.Header).Distinct().Count());
    }

    [Fact]
    public async Task Closed_and_next_stepped_deals_are_not_nudged()
    {
        await using var app = await SalesBotApp.StartAsync();
        var tenant = AppFixture.NewTenant();
        await NewDealAsync(app, tenant, "deal new Won Co 10k smb");
        await app.SayAsync("deal won Won Co", "u-ann", "Ann", tenant);
        await NewDealAsync(app, tenant, "deal new Next Co 10k smb");
        await app.SayAsync("deal next Next Co 2026-12-09 call", "u-ann", "Ann", tenant);

        app.Clock.SetUtcNow(DueMorning);
        await app.Service<ReminderScanner>().ScanAsync(CancellationToken.None);
        Assert.Empty(app.Service<DevInbox>().For(tenant));

        // The next step passes on 9 December; the deal is nudged the next business day.
        app.Clock.SetUtcNow(DueMorning.AddDays(3));
        await app.Service<ReminderScanner>().ScanAsync(CancellationToken.None);
        Assert.Contains("Next Co", Assert.Single(app.Service<DevInbox>().For(tenant)).Reply.Lead);
    }
}
