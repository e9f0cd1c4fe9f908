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
        Q4, scope, Today, Team, Open(), Closed(), Team.QuotaFor(Q4.Key, scope.OwnerId)));

    [Fact]
    public void The_team_pipeline_of_the_quarter()
    {
        var r = Report(new PipelineScope(null, null, null));

        // Open deals closing in Q4: O1–O7. O6 is EUR 40,000 × 7.5 = DKK 300,000; O7 is in USD, which has no rate.
        Assert.Equal(7, r.OpenCount);
        Assert.Equal(1_800_000m, r.OpenAmount); // 100 + 200 + 300 + 400 + 500 + 300 (+ 0 for O7) thousand
        Assert.Equal(1, r.Unpriced);
        Assert.Equal(1, r.OpenWithoutCloseDate); // O9

        // Per stage: count, amount, weighted (10/20/40/60/80 %), average business days in stage (weekdays after the day
        // the deal entered, up to today).
        Assert.Equal(
            [
                ("prospecting", 1, 100_000m, 10_000m, 8.0),         // O1: Tue 17 Nov → 18–20, 23–27 Nov = 8
                ("contact", 2, 200_000m, 40_000m, 3.0),             // O2 Fri 20 Nov → 5; O7 Thu 26 Nov → 1 (unpriced)
                ("identify-need", 1, 300_000m, 120_000m, 2.0),      // O3 Wed 25 Nov → 26, 27
                ("present-offer", 2, 700_000m, 420_000m, 9.5),      // O4 Sat 7 Nov → 3 full weeks = 15; O6 Mon 23 Nov → 4
                ("handle-objections", 1, 500_000m, 400_000m, 1.0),  // O5 Thu 26 Nov → 1
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
        Assert.Null(r.Conversions[^1].To); // the last step is to won, named in the reader's language

        // Business days per stage visit (weekdays after entering, up to entering the next stage or closing). A 5-calendar-
        // day visit from a Tuesday or a Thursday holds 3 business days, from a Saturday or Sunday 5; 10 calendar days
        // hold 6–8; 15 hold 10–11; 20 hold 14–15.
        // Prospecting: W1 8 (Sun 16 Aug), W2 6 (Fri 11 Sep), L1 7 (Wed 30 Sep), W3–W6 15+15+14+14, L2–L5 3+3+5+3,
        //   L6–L9 3+5+3+3 → 107 / 15.
        // Contact: W1 7, W2 8, L1 7, W3–W6 15+15+14+14, L6–L9 3+3+5+3 → 94 / 11.
        // Identify need: W1 7, W2 6, W3–W6 14 × 4, L6–L9 11+11+10+11 → 112 / 10.
        // Present offer: 11 × 6 → 11. Handle objections: W1 11, W2 11, W3 10, W4 10, W5 11, W6 11 → 64 / 6.
        Assert.Equal(107.0 / 15, r.AverageDaysPerStage["prospecting"]!.Value, 10);
        Assert.Equal(94.0 / 11, r.AverageDaysPerStage["contact"]!.Value, 10);
        Assert.Equal(11.2, r.AverageDaysPerStage["identify-need"]!.Value, 10);
        Assert.Equal(11.0, r.AverageDaysPerStage["present-offer"]!.Value, 10);
        Assert.Equal(64.0 / 6, r.AverageDaysPerStage["handle-objections"]!.Value, 10);

        // Cycle: (60 + 60 + 4 × 90) / 6 = 80 days. Velocity (6 won ≥ 5): the quarter's 7 opportunities × 133,333.33 average
        // won × 0.4 ÷ 80 = 4,666.67 a day.
        Assert.Equal(80.0, r.CycleDays!.Value, 10);
        Assert.Equal(4_666.67m, decimal.Round(r.VelocityPerDay!.Value, 2));

        // Stalled now, of the quarter's pipeline: only O4 (15 business days in Present offer, limit 10 for mid-market).
        // O8 has a next step and closes next quarter, O9 is snoozed and has no close date.
        Assert.Equal((1, 400_000m), (r.StalledCount, r.StalledAmount));

        // Slipped this period: O2 (3 November, from 15 November to 20 December); O5 slipped in September.
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

    [Fact]
    public void Stalled_and_slipped_count_only_the_periods_deals()
    {
        // A deal stuck in Prospecting for months but closing next year, and one that slipped out of the quarter.
        var later = Open().Append(Open()[0] with { Id = "O10", StageEnteredAt = At("2026-06-01"), CloseDate = new DateOnly(2027, 3, 1) })
            .Append(Open()[0] with { Id = "O11", CloseDate = new DateOnly(2027, 2, 1), LastSlipAt = At("2026-11-10"), LastSlipFrom = new DateOnly(2026, 12, 15) })
            .Append(Open()[0] with { Id = "O12", CloseDate = new DateOnly(2027, 4, 1), LastSlipAt = At("2026-11-10"), LastSlipFrom = new DateOnly(2027, 1, 15) })
            .ToArray();
        var r = PipelineMath.Compute(new PipelineInput(Q4, new PipelineScope(null, null, null), Today, Team, later, Closed(), null));

        Assert.Equal(1, r.StalledCount);   // O4 still; O10 closes in Q1 2027
        Assert.Equal(2, r.SlippedCount);   // O2, and O11 (moved out of Q4); O12 was never in Q4
    }

    [Fact]
    public void Velocity_needs_five_won_deals_and_a_deal_won_at_once_counts_as_one_day()
    {
        var closed = Closed().Where(d => d.Id is "W1" or "W2" or "L1").ToArray();
        Assert.Null(PipelineMath.Compute(new PipelineInput(Q4, new PipelineScope(null, null, null), Today, Team, Open(), closed, null)).VelocityPerDay);

        // Five deals of 100k won the minute they were created, none lost: cycle 1 day, win rate 1.
        var instant = Enumerable.Range(0, 5).Select(i => Closed()[0] with
        {
            Id = "I" + i,
            Amount = new Money(100_000, "DKK"),
            CreatedAt = At("2026-11-02"),
            ClosedAt = At("2026-11-02").AddMinutes(1),
        }).ToArray();
        var r = PipelineMath.Compute(new PipelineInput(Q4, new PipelineScope(null, null, null), Today, Team, Open(), instant, null));
        Assert.Equal(1.0, r.CycleDays!.Value, 10);
        Assert.Equal(700_000m, r.VelocityPerDay); // 7 opportunities × 1 × 100,000 ÷ 1 day
    }

    [Fact]
    public void A_team_quota_sums_its_peoples_quotas_names_those_without_one_and_yields_to_a_team_quota()
    {
        var annOnly = Team with { StoredSettings = [new TeamSetting("quota", "FY2026|u-ann", "2000000", "Ann")] };
        var quota = annOnly.QuotaFor(Q4.Key, null);
        var r = PipelineMath.Compute(new PipelineInput(Q4, new PipelineScope(null, null, null), Today, annOnly, Open(), Closed(), quota));
        Assert.Equal(500_000m, r.Quota);         // a quarter of Ann's year
        Assert.Equal(["Bob"], r.WithoutQuota);   // Bob owns O2, O4, O7 and W2 in the quarter

        var withTeam = annOnly with { StoredSettings = [.. annOnly.StoredSettings, new TeamSetting("quota", "FY2026-Q4|*team", "3000000", "team")] };
        var team = PipelineMath.Compute(new PipelineInput(Q4, new PipelineScope(null, null, null), Today, withTeam, Open(), Closed(), withTeam.QuotaFor(Q4.Key, null)));
        Assert.Equal(3_000_000m, team.Quota);
        Assert.Empty(team.WithoutQuota);
        Assert.Equal(400_000.0 / 3_000_000.0, team.Attainment!.Value, 10);
        Assert.Equal(500_000m, withTeam.QuotaFor(Q4.Key, "u-ann")!.Amount);
    }
}
