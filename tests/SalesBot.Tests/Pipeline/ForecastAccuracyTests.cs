using SalesBot.Deals;
using SalesBot.Pipeline;
using SalesBot.Tenants;
using SalesBot.Tests.Import;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Pipeline;

/// <summary>Forecast accuracy: a quarter reconstructed from a hand-made history, and recorded forecasts end to end.</summary>
public sealed class ForecastAccuracyTests
{
    private static readonly TenantSettings Team = TestTeams.Copenhagen;

    private static DateTimeOffset On(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.FromHours(2));

    private static Deal Deal(string id, decimal amount, DateOnly close, StageEntry[] log, DealStatus status = DealStatus.Open, DateTimeOffset? closedAt = null) => new()
    {
        Id = id,
        Name = id,
        Owner = new UserRef("u-ann", "Ann"),
        Amount = new Money(amount, "DKK"),
        Stage = log[^1].Stage,
        StageEnteredAt = log[^1].At,
        StageLog = log,
        CreatedAt = log[0].At,
        CloseDate = close,
        Status = status,
        ClosedAt = closedAt,
    };

    [Fact]
    public void A_quarter_reconstructed_from_history_gives_the_hand_computed_forecasts_won_amount_and_error()
    {
        var q3 = Periods.QuarterOf(new DateOnly(2026, 8, 1), 1);
        Deal[] history =
        [
            // In Present offer (60 %) from 1 July, won 10 September.
            Deal("A", 100_000, new DateOnly(2026, 9, 15), [new("prospecting", On(5, 1)), new("present-offer", On(7, 1))], DealStatus.Won, On(9, 10)),
            // Prospecting (10 %) from 1 June, lost 20 August.
            Deal("B", 200_000, new DateOnly(2026, 9, 30), [new("prospecting", On(6, 1))], DealStatus.Lost, On(8, 20)),
            // Created 15 August, won 25 September.
            Deal("C", 50_000, new DateOnly(2026, 9, 20), [new("prospecting", On(8, 15))], DealStatus.Won, On(9, 25)),
            // Expected 25 September until, on 20 August, it slipped to 15 October.
            Deal("D", 100_000, new DateOnly(2026, 10, 15), [new("prospecting", On(6, 10))]) with { LastSlipFrom = new DateOnly(2026, 9, 25), LastSlipAt = On(8, 20), CloseDateSlips = 1 },
        ];

        Assert.Equal([new DateOnly(2026, 7, 8), new DateOnly(2026, 8, 5), new DateOnly(2026, 9, 2)], ForecastAccuracy.WeeksBefore.Select(w => ForecastAccuracy.Before(q3, w)));
        decimal At(int weeks)
        {
            var day = ForecastAccuracy.Before(q3, weeks);
            return ForecastAccuracy.Forecast(ForecastAccuracy.AsOf(history, Team, day), Team, q3, day, null, reconstructed: true).Weighted;
        }

        // 8 July: A 60 % of 100k, B 10 % of 200k, D 10 % of 100k (still expected in September) = 90k; C not yet created.
        Assert.Equal(90_000m, At(12));
        Assert.Equal(90_000m, At(8));
        // 2 September: A 60k, C 10 % of 50k; B is lost and D slipped out of the quarter = 65k.
        Assert.Equal(65_000m, At(4));
        var won = ForecastAccuracy.Won(history, Team, q3, null);
        Assert.Equal(150_000m, won);
        var row = new AccuracyRow(q3, null, null, null, null, new ForecastPoint(q3.Key, new DateOnly(2026, 9, 2), null, At(4), 0, 0, true), won);
        Assert.Equal(-0.5667, row.Error!.Value, 4);
    }

    [Fact]
    public async Task An_imported_history_answers_accuracy_reconstructed_and_a_recorded_snapshot_is_used_without_the_mark()
    {
        await using var app = await SalesBotApp.StartAsync();
        var tenant = AppFixture.NewTenant();
        await ImportedTeam.MeetPeopleAsync(app, tenant);
        // Besides the team's history, a deal won in the first days of Q3 2026, before its 12-week forecast day (8 July).
        await ImportedTeam.ImportAsync(app, tenant, ImportedTeam.Rows.Append(
            "X-7,Early Win,150000,DKK,mid,Present offer,won,Ann Berg,2026-07-03,2026-05-04 09:00:00,2026-06-01 09:00:00,2026-07-03 12:00:00,"));

        (await app.SayAsync("pipeline snapshot", "u-ann", "Ann", tenant)).ShouldFail("Only managers");
        (await app.SayAsync("pipeline snapshot", "u-maria", "Maria", tenant)).ShouldSucceed("Recorded today's forecast for Q4 2026 and Q1 2027");

        var summary = await app.SayAsync("pipeline accuracy", "u-maria", "Maria", tenant);
        summary.ShouldSucceed("Forecast accuracy, last four quarters");
        Assert.Equal(4, summary.Items.Count);
        Assert.StartsWith("Q4 2025:", summary.Items[0]);
        Assert.StartsWith("Q3 2026:", summary.Items[3]);
        Assert.Contains("(r)", summary.Items[3]);
        Assert.Contains("worked out from history", summary.Footer);

        // The same as a picture: forecast against won, a bar a quarter.
        var chart = (await app.ClickAsync(summary.Buttons[0], "u-maria", "Maria", tenant)).Chart;
        Assert.NotNull(chart);
        Assert.Equal(["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026"], chart.Stages.Select(b => b.Label));
        using var client = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(chart.ImageUrl)).StatusCode);

        // The ended quarter's own pipeline answer says what was forecast for it, one click from the detail per person; all
        // three count the same deals as won, the ones won early in the quarter too.
        var lastQuarter = await app.SayAsync("pipeline last quarter", "u-maria", "Maria", tenant);
        var wonInQ3 = lastQuarter.Fields.Single(f => f.Label == "Closed won").Value.Split(" · ")[1];
        Assert.Equal("DKK 150,000", wonInQ3);
        Assert.Contains("won " + wonInQ3 + ";", summary.Items[3]);
        Assert.Contains("won " + wonInQ3 + ";", (await app.SayAsync("pipeline accuracy last quarter", "u-maria", "Maria", tenant)).Items[0]);
        Assert.Contains(lastQuarter.Fields, f => f.Label == "Forecast before the end" && f.Value.StartsWith("12 weeks before DKK", StringComparison.Ordinal)
            && f.Value.Contains("(r); error against won", StringComparison.Ordinal));
        Assert.Equal("pipeline accuracy fy2026-q3", lastQuarter.Buttons[^1].Command);
        Assert.DoesNotContain((await app.SayAsync("pipeline this quarter", "u-maria", "Maria", tenant)).Fields, f => f.Label == "Forecast before the end");

        // A week into December the quarter's 4-week point (3 December) has a recording of 27 November behind it.
        app.Clock.Advance(TimeSpan.FromDays(7));
        var q4 = await app.SayAsync("pipeline accuracy q4 2026", "u-maria", "Maria", tenant);
        var teamLine = q4.Items[0];
        Assert.StartsWith("Team:", teamLine);
        Assert.Matches(@"4 weeks DKK [\d,]+; won", teamLine);
        Assert.Contains(q4.Items, i => i.StartsWith("Ann Berg:", StringComparison.Ordinal));
        Assert.Contains(q4.Items, i => i.StartsWith("Bob Dahl:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_mondays_every_teams_forecast_is_recorded_once()
    {
        await using var app = await SalesBotApp.StartAsync();
        var team = new Team(app);
        await team.Ann("deal new Acme 50k close 2026-12-18");
        var worker = app.Service<ForecastWorker>();
        Assert.DoesNotContain(team.Tenant, await RecordedTeamsAsync());
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero));
        await worker.RunAsync(CancellationToken.None);
        await worker.RunAsync(CancellationToken.None);
        var points = await app.Service<ForecastSnapshots>().ForAsync(team.Tenant, "FY2026-Q4", CancellationToken.None);
        Assert.Equal(2, points.Count); // the team and Ann
        Assert.Equal(5_000m, points.Single(p => p.OwnerId is null).Weighted);

        async Task<string[]> RecordedTeamsAsync() =>
            [.. (await app.Service<ForecastSnapshots>().ForAsync(team.Tenant, "FY2026-Q4", CancellationToken.None)).Select(_ => team.Tenant)];
    }
}
