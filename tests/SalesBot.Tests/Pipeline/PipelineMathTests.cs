using SalesBot.Deals;
using SalesBot.Pipeline;
using SalesBot.Tenants;
using static SalesBot.Tests.Pipeline.FixtureTeam;

namespace SalesBot.Tests.Pipeline;

/// <summary>Every figure of the fixture team's Q4 2026 pipeline, worked out by hand in the comments.</summary>
public class PipelineMathTests
{
    private static readonly TenantSettings Team = new(
        "fixture", TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"), "DKK", 1, "en", TeamVisibility: false, Segment.MidMarket,
        new HashSet<string>(), [], SalesProcess.Default, new Dictionary<string, decimal> { ["EUR"] = 7.5m })
    {
        StoredSettings =
        [
            new TeamSetting("quota", "FY2026-Q4|u-ann", "500000", "Ann"),
            new TeamSetting("quota", "FY2026-Q4|u-bob", "500000", "Bob"),
        ],
    };

    private static readonly Period Q4 = Periods.QuarterOf(Today, 1);

    private static PipelineReport Report(PipelineScope scope) => PipelineMath.Compute(new PipelineInput(
        Q4, scope, Today, Team, Open(), Closed(), Team.QuotaFor(Q4.Key, scope.OwnerId)?.Amount));

    [Fact]
    public void The_team_pipeline_of_the_quarter()
    {
        var r = Report(new PipelineScope(null, null, null));

        // Open deals closing in Q4: O1–O7. O6 is EUR 40,000 × 7.5 = DKK 300,000; O7 is in USD, which has no rate.
        Assert.Equal(7, r.OpenCount);
        Assert.Equal(1_800_000m, r.OpenAmount); // 100 + 200 + 300 + 400 + 500 + 300 (+ 0 for O7) thousand
        Assert.Equal(1, r.Unpriced);
        Assert.Equal(1, r.OpenWithoutCloseDate); // O9

        // Per stage: count, amount, weighted (10/20/40/60/80 %), average calendar days in stage.
        Assert.Equal(
            [
                ("prospecting", 1, 100_000m, 10_000m, 10.0),        // O1: 10 days
                ("contact", 2, 200_000m, 40_000m, 4.0),             // O2 (7 days), O7 (1 day, unpriced)
                ("identify-need", 1, 300_000m, 120_000m, 2.0),      // O3
                ("present-offer", 2, 700_000m, 420_000m, 12.0),     // O4 (20 days) + O6 (4 days)
                ("handle-objections", 1, 500_000m, 400_000m, 1.0),  // O5
            ],
            r.Stages.Select(s => (s.Stage.Key, s.Count, s.Amount, s.Weighted, s.AverageDaysInStage!.Value)));
        Assert.Equal(990_000m, r.Weighted);

        // Forecast categories: the first three stages are Pipeline, Present offer is Best case, Handle objections is Commit.
        Assert.Equal(600_000m, r.Categories[ForecastCategory.Pipeline]);
        Assert.Equal(700_000m, r.Categories[ForecastCategory.BestCase]);
        Assert.Equal(500_000m, r.Categories[ForecastCategory.Commit]);

        // Closed in Q4: W1 (150k, 15 Oct) and W2 (250k, 10 Nov) won; L1 (100k, 20 Oct) lost.
        Assert.Equal((2, 400_000m, 1, 100_000m), (r.WonCount, r.WonAmount, r.LostCount, r.LostAmount));

        // Quota 500k + 500k; attained 400k / 1,000k; coverage 1,800k open / 600k remaining.
        Assert.Equal(1_000_000m, r.Quota);
        Assert.Equal(0.4, r.Attainment!.Value, 10);
        Assert.Equal(600_000m, r.RemainingQuota);
        Assert.Equal(3.0, r.Coverage!.Value, 10);

        // Trailing twelve months: won W1–W6 (150 + 250 + 4 × 100 = 800k), lost L1–L9 (100 + 8 × 50 = 500k);
        // the 14 deals closed in 2024 are outside.
        Assert.Equal((6, 9, 800_000m, 500_000m), (r.TrailingWon, r.TrailingLost, r.TrailingWonValue, r.TrailingLostValue));
        Assert.Equal(0.4, r.WinRateByCount!.Value, 10);               // 6 / 15
        Assert.Equal(800.0 / 1300.0, r.WinRateByValue!.Value, 10);    // 800 / 1,300
        Assert.Equal(1300.0 / 800.0, r.NeededCoverage!.Value, 10);    // 1 / win rate by value = 1.625

        // Conversion: reached Prospecting 15; Contact 6 won + L1 + L6–L9 = 11; Identify need 6 + 4 = 10; then 6, 6; won 6.
        Assert.Equal(
            [(15, 11), (11, 10), (10, 6), (6, 6), (6, 6)],
            r.Conversions.Select(c => (c.Entered, c.Advanced)));
        Assert.Equal("Won", r.Conversions[^1].To);

        // Days per stage visit: Prospecting (10+10+4×20+10+4×5+4×5)/15 = 10; Contact (10+10+80+10+20)/11;
        // Identify need (10+10+80+60)/10 = 16; Present offer and Handle objections 15.
        Assert.Equal(10.0, r.AverageDaysPerStage["prospecting"]!.Value, 10);
        Assert.Equal(130.0 / 11, r.AverageDaysPerStage["contact"]!.Value, 10);
        Assert.Equal(16.0, r.AverageDaysPerStage["identify-need"]!.Value, 10);
        Assert.Equal(15.0, r.AverageDaysPerStage["present-offer"]!.Value, 10);
        Assert.Equal(15.0, r.AverageDaysPerStage["handle-objections"]!.Value, 10);

        // Cycle: (60 + 60 + 4 × 90) / 6 = 80 days. Velocity: 9 open × 133,333.33 average won × 0.4 ÷ 80 = 6,000 a day.
        Assert.Equal(80.0, r.CycleDays!.Value, 10);
        Assert.Equal(6_000m, decimal.Round(r.VelocityPerDay!.Value, 2));

        // Stalled: only O4 (15 business days in Present offer, limit 10 for mid-market). O8 has a next step, O9 is snoozed.
        Assert.Equal((1, 400_000m), (r.StalledCount, r.StalledAmount));

        // Slipped this period: O2 (3 November); O5 slipped in September.
        Assert.Equal(1, r.SlippedCount);
    }

    [Fact]
    public void One_reps_pipeline_and_one_segment()
    {
        var ann = Report(new PipelineScope("u-ann", "Ann", null));
        Assert.Equal((4, 1_200_000m), (ann.OpenCount, ann.OpenAmount)); // O1 100k, O3 300k, O5 500k, O6 300k
        Assert.Equal(500_000m, ann.Quota);
        Assert.Equal((1, 150_000m), (ann.WonCount, ann.WonAmount));     // W1
        Assert.Equal(0.3, ann.Attainment!.Value, 10);                   // 150 / 500
        Assert.Equal(1_200_000.0 / 350_000.0, ann.Coverage!.Value, 10); // 1,200k / (500k − 150k)

        var enterprise = Report(new PipelineScope(null, null, Segment.Enterprise));
        Assert.Equal((2, 700_000m), (enterprise.OpenCount, enterprise.OpenAmount)); // O2, O5
    }

    [Fact]
    public void A_currency_without_a_rate_is_counted_but_not_priced()
    {
        Assert.Equal(300_000m, PipelineMath.ToBase(new Money(40_000, "EUR"), Team));
        Assert.Null(PipelineMath.ToBase(new Money(10_000, "USD"), Team));
        Assert.Equal(0m, PipelineMath.ToBase(null, Team));

        var bob = Report(new PipelineScope("u-bob", "Bob", Segment.Smb));
        Assert.Equal((1, 0m, 1), (bob.OpenCount, bob.OpenAmount, bob.Unpriced)); // O7 only
    }
}
