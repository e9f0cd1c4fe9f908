using SalesBot.DevChat;
using SalesBot.Reminders;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Reminders;

/// <summary>An open deal whose expected close date has passed: its owner is told once per close date, a manager once it slipped twice.</summary>
public sealed class SlipAlertTests
{
    /// <summary>09:00 in Copenhagen on a day of December 2026 (UTC+1).</summary>
    private static DateTimeOffset NineOn(int day) => new(2026, 12, day, 8, 0, 0, TimeSpan.Zero);

    private static async Task ScanAsync(SalesBotApp app) => await app.Service<ReminderScanner>().ScanAsync(CancellationToken.None);

    [Fact]
    public async Task The_owner_is_told_once_the_morning_after_the_close_date_and_again_for_each_new_date_and_managers_after_two_slips()
    {
        await using var app = await SalesBotApp.StartAsync();
        var team = new Team(app);
        var id = (await team.Ann("deal new \"Acme <b>renewal</b>\" 50k enterprise close 2026-11-30")).DealId();
        DevDelivery[] Alerts(string user) => [.. app.Service<DevInbox>().For(team.Tenant, user).Where(d => d.Reply.Header?.Contains("Acme", StringComparison.Ordinal) == true)];

        app.Clock.SetUtcNow(NineOn(1).AddMinutes(-1));
        await ScanAsync(app);
        Assert.Empty(Alerts("u-ann"));

        app.Clock.SetUtcNow(NineOn(1));
        await ScanAsync(app);
        await ScanAsync(app);
        var alert = Assert.Single(Alerts("u-ann")).Reply;
        Assert.Equal("Close date passed: Acme <b>renewal</b>", alert.Header);
        alert.ShouldSay("was expected to close on 30 Nov 2026 and is still open");
        Assert.Equal([$"deal set {id} close", $"deal set {id} close in 2 weeks", $"deal lost {id}: close date passed"], alert.Buttons.Select(b => b.Command));
        Assert.Empty(Alerts("u-maria"));

        // Where no form can open (the local chat), Set new date says what to type.
        (await team.Click("u-ann", alert.Buttons[0])).ShouldFail($"e.g. deal set {id} close in 2 weeks");

        // A new date that passes again is told again; after the second slip the manager hears of it too.
        (await team.Ann($"deal set {id} close 2026-12-02")).ShouldSucceed();
        app.Clock.SetUtcNow(NineOn(3));
        await ScanAsync(app);
        Assert.Equal(2, Alerts("u-ann").Length);
        Assert.Empty(Alerts("u-maria"));

        (await team.Click("u-ann", Alerts("u-ann")[^1].Reply.Buttons[1])).ShouldSucceed("17 Dec 2026");
        (await team.Ann($"deal set {id} close 2026-12-04")).ShouldSucceed();
        app.Clock.SetUtcNow(NineOn(7));
        await ScanAsync(app);
        Assert.Equal(3, Alerts("u-ann").Length);
        var manager = Assert.Single(Alerts("u-maria")).Reply;
        Assert.Equal("Slipped again: Acme <b>renewal</b>", manager.Header);
        manager.ShouldSay("has had its close date moved 2 times");
        Assert.Equal("deal list slipped", manager.Buttons[1].Command);

        var card = await team.Ann($"deal show {id}");
        Assert.Contains(card.Items, i => i.Contains("SalesBot told Ann the close date 4 Dec 2026 had passed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_deal_or_one_without_a_close_date_gets_no_alert()
    {
        await using var app = await SalesBotApp.StartAsync();
        var team = new Team(app);
        var won = (await team.Ann("deal new Won 10k close 2026-11-30")).DealId();
        await team.Ann($"deal won {won}");
        await team.Ann("deal new Undated 10k");
        app.Clock.SetUtcNow(NineOn(1));
        await ScanAsync(app);
        Assert.DoesNotContain(app.Service<DevInbox>().For(team.Tenant), d => d.Reply.Header?.StartsWith("Close date passed", StringComparison.Ordinal) == true);
    }
}
