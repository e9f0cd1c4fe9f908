using System.Net.Http.Json;
using SalesBot.DevChat;
using SalesBot.Reminders;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Reminders;

/// <summary>The opt-in morning brief: at the start of the person's working day, in their zone, once, and never empty.</summary>
public sealed class MorningBriefTests
{
    /// <summary>Monday 30 November 2026, 09:00 in Copenhagen.</summary>
    private static readonly DateTimeOffset MondayNineCopenhagen = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static async Task ScanAsync(SalesBotApp app) => await app.Service<ReminderScanner>().ScanAsync(CancellationToken.None);

    [Fact]
    public async Task The_brief_comes_once_at_nine_on_the_next_working_day_with_todays_steps_this_weeks_closes_and_nothing_on_an_empty_day()
    {
        await using var app = await SalesBotApp.StartAsync();
        var team = new Team(app);
        var acme = (await team.Ann("deal new \"Acme <b>renewal</b>\" 50k")).DealId();
        await team.Ann($"deal next {acme} 2026-11-30 call the CFO");
        var globex = (await team.Ann("deal new Globex 20k")).DealId();
        await team.Ann($"deal set {globex} close 2026-12-03");
        await team.Ann("deal new Later 20k");

        // Friday 10:00: the next working day is Monday.
        (await team.Bob("deal brief now")).ShouldSucceed("Nothing to tell today");
        (await team.Ann("deal brief on")).ShouldSucceed("at the start of each working day", "first on 30 Nov 2026");
        (await team.Ann("deal brief")).ShouldSucceed("is on");
        (await team.Bob("deal brief on")).ShouldSucceed();

        app.Clock.SetUtcNow(MondayNineCopenhagen.AddMinutes(-1));
        await ScanAsync(app);
        Assert.Empty(app.Service<DevInbox>().For(team.Tenant));

        app.Clock.SetUtcNow(MondayNineCopenhagen);
        await ScanAsync(app);
        await ScanAsync(app);
        var brief = Assert.Single(app.Service<DevInbox>().For(team.Tenant)).Reply;
        Assert.Equal("Your day · 30 Nov 2026", brief.Header);
        Assert.Equal(["Next step today on Acme <b>renewal</b>: call the CFO", "Globex closes 3 Dec 2026: DKK 20,000, Prospecting (10 %)"], brief.Items);
        Assert.Empty(app.Service<DevInbox>().For(team.Tenant, "u-bob"));
        Assert.Equal(brief.Items, (await team.Ann("deal brief now")).Items);

        (await team.Ann("deal brief off")).ShouldSucceed("off");
        app.Clock.SetUtcNow(MondayNineCopenhagen.AddDays(1));
        await ScanAsync(app);
        Assert.Single(app.Service<DevInbox>().For(team.Tenant));
    }

    [Fact]
    public async Task The_brief_comes_at_the_chosen_time_in_the_owners_own_time_zone()
    {
        await using var app = await SalesBotApp.StartAsync();
        var team = new Team(app);
        using var client = app.CreateClient();
        async Task SayInNewYorkAsync(string text) =>
            (await client.PostAsJsonAsync("/api/dev/messages", new { tenant = team.Tenant, user = "u-ann", userName = "Ann", text, timeZone = "America/New_York" })).EnsureSuccessStatusCode();

        await SayInNewYorkAsync("deal new Overdue 10k");
        await SayInNewYorkAsync("deal next Overdue 2026-11-27 send the contract");
        await SayInNewYorkAsync("deal brief on 8:30");

        // 08:30 in New York on Monday is 13:30 UTC; the step set for Friday is overdue by then.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 13, 29, 0, TimeSpan.Zero));
        await ScanAsync(app);
        Assert.Empty(app.Service<DevInbox>().For(team.Tenant));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 13, 30, 0, TimeSpan.Zero));
        await ScanAsync(app);
        Assert.Equal(["Overdue next step on Overdue: send the contract (was due 27 Nov 2026)"], Assert.Single(app.Service<DevInbox>().For(team.Tenant)).Reply.Items);
        (await team.Ann("deal brief off now")).ShouldFail("deal brief on");
    }
}
