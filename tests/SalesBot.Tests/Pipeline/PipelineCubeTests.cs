using System.Text.Json;
using SalesBot.Deals;
using SalesBot.Pipeline;
using SalesBot.Tenants;

namespace SalesBot.Tests.Pipeline;

/// <summary>
/// The pipeline from the team's summary rows against the pipeline counted deal by deal, on a randomised team of 10,000
/// messy deals: every figure of every period and scope is the same, also after thousands of changes applied to the sums
/// one by one.
/// </summary>
public class PipelineCubeTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);
    private static readonly string[] Stages = [.. SalesProcess.Default.Stages.Select(s => s.Key)];

    private static readonly TenantSettings Team = new(
        "random", TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"), "DKK", 4, "en", TeamVisibility: false, Segment.MidMarket,
        new HashSet<string>(), [.. HolidayCalendars.For("DK", 2023, 2028)], SalesProcess.Default,
        new Dictionary<string, decimal> { ["EUR"] = 7.4612m, ["SEK"] = 0.6833m });

    private static readonly Period[] PeriodsAsked =
    [
        Periods.QuarterOf(Today, 4), Periods.QuarterOf(Today, 4, -1), Periods.QuarterOf(Today, 4, 1), Periods.QuarterOf(Today, 4, -4),
        Periods.Month(Today), Periods.Month(Today, -1), Periods.Month(Today, 2),
        Periods.Year(Periods.FiscalYear(Today, 4), 4), Periods.Half(Periods.FiscalYear(Today, 4), 2, 4),
        Periods.Parse(["ytd"], Today, 4).Period!,
    ];

    private static readonly PipelineScope[] Scopes =
    [
        new(null, null, null), new("u-03", "Rep 03", null), new(null, null, Segment.Enterprise), new("u-07", "Rep 07", Segment.Smb), new("u-nobody", "Nobody", null),
    ];

    [Fact]
    public void Every_figure_from_the_summary_rows_is_the_figure_counted_from_the_deals()
    {
        var random = new Random(20261127);
        var deals = Enumerable.Range(0, 10_000).Select(i => RandomDeal(random, i)).ToList();
        var sums = new CubeRows();
        foreach (var deal in deals)
        {
            sums.Add(PipelineCube.Of(deal, Team));
        }

        AssertSameReports(deals, sums);

        // Changes as a team makes them, applied to the sums one at a time.
        for (var k = 0; k < 4_000; k++)
        {
            var i = random.Next(deals.Count);
            var before = deals[i];
            var after = Changed(random, before);
            sums.Add(PipelineCube.Change(before, after, Team));
            deals[i] = after;
        }

        AssertSameReports(deals, sums);
        var fresh = new CubeRows();
        foreach (var deal in deals)
        {
            fresh.Add(PipelineCube.Of(deal, Team));
        }

        static string Sorted(CubeRows rows) => Serialize(rows.Rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new { r.Key, Cells = r.Value.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => FormattableString.Invariant($"{c.Key}={c.Value.Count}/{c.Value.Amount:0.##########}/{c.Value.Sum}")) }));
        Assert.Equal(Sorted(fresh), Sorted(sums));
    }

    private static void AssertSameReports(IReadOnlyList<Deal> deals, CubeRows sums)
    {
        var open = deals.Where(d => d.IsOpen).ToArray();
        var closed = deals.Where(d => !d.IsOpen).ToArray();
        var compared = 0;
        foreach (var period in PeriodsAsked)
        {
            foreach (var scope in Scopes)
            {
                foreach (var quota in new Quota?[] { null, new Quota(2_000_000m, false, new HashSet<string> { "u-01", "u-02" }) })
                {
                    var input = new PipelineInput(period, scope, Today, Team, open, closed, quota);
                    var expected = PipelineMath.Compute(input);
                    var actual = PipelineCube.Compute(input with { OpenDeals = [], ClosedDeals = [] }, sums);
                    Assert.True(Serialize(expected) == Serialize(actual), $"{period.Key} {scope}: {Serialize(expected)}\n{Serialize(actual)}");
                    compared++;
                }
            }
        }

        Assert.Equal(PeriodsAsked.Length * Scopes.Length * 2, compared);

        // How many deals each drill-down shows, counted from the sums, as its pages count them.
        var process = Team.Process;
        (string Group, Func<Deal, Period, bool> Picks)[] groups =
        [
            ("commit", (d, p) => PipelineMath.ClosesIn(d, p) && process.Category(d) == ForecastCategory.Commit),
            ("bestcase", (d, p) => PipelineMath.ClosesIn(d, p) && process.Category(d) == ForecastCategory.BestCase),
            ("pipeline", (d, p) => PipelineMath.ClosesIn(d, p) && process.Category(d) == ForecastCategory.Pipeline),
            ("stalled", (d, p) => PipelineMath.ClosesIn(d, p) && StallPolicy.IsStalled(d, Team, Today)),
            ("won", (d, p) => d.Status == DealStatus.Won && p.Contains(Team.Today(d.ClosedAt!.Value))),
            ("lost", (d, p) => d.Status == DealStatus.Lost && p.Contains(Team.Today(d.ClosedAt!.Value))),
            ("slipped", (d, p) => PipelineMath.SlippedIn(d, p, Team)),
            .. process.Stages.Select(s => (s.Name.ToLowerInvariant(), (Func<Deal, Period, bool>)((d, p) => PipelineMath.ClosesIn(d, p) && d.Stage == s.Key))),
        ];
        var counted = 0L;
        foreach (var period in PeriodsAsked)
        {
            foreach (var scope in Scopes)
            {
                foreach (var (group, picks) in groups)
                {
                    var expected = deals.Count(d => scope.Includes(d) && picks(d, period));
                    Assert.Equal((long)expected, PipelineCube.DrillDownCount(sums, scope.OwnerId ?? PipelineCube.Team, group, period, scope.Segment, Team, Today));
                    counted += expected;
                }
            }
        }

        Assert.True(counted > 0);

        // The team's quarter has something in every figure, so none of them is compared empty.
        var quarter = PipelineMath.Compute(new PipelineInput(PeriodsAsked[0], Scopes[0], Today, Team, open, closed, new Quota(1m, false, new HashSet<string>())));
        Assert.All(new[] { quarter.OpenCount, quarter.StalledCount, quarter.SlippedCount, quarter.Unpriced, quarter.OpenWithoutCloseDate, quarter.WonCount, quarter.LostCount, quarter.WithoutQuota.Count },
            n => Assert.True(n > 0));
        Assert.All(quarter.Stages, s => Assert.NotNull(s.AverageDaysInStage));
        Assert.All(quarter.AverageDaysPerStage.Values, d => Assert.NotNull(d));
        Assert.NotNull(quarter.VelocityPerDay);

        // Open deals counted by close day, and those slipped twice or more, as lists page by them.
        Assert.Equal(open.Length, PipelineCube.OpenByCloseDay(sums, PipelineCube.Team, new SalesBot.Deals.Verbs.OpenCount()).Sum(c => c.Count));
        Assert.Equal(open.Count(d => d.CloseDateSlips >= 2), PipelineCube.OpenByCloseDay(sums, PipelineCube.Team, new SalesBot.Deals.Verbs.OpenCount(Slipped: true)).Sum(c => c.Count));
        Assert.Equal(open.Count(d => StallPolicy.IsStalled(d, Team, Today)), PipelineCube.OpenByCloseDay(sums, PipelineCube.Team, new SalesBot.Deals.Verbs.OpenCount(StalledOn: Today)).Sum(c => c.Count));

        // Learned stall limits from the won deals' stage times in the sums: the same as learned from the deals, on any day.
        foreach (var day in new[] { Today, Today.AddDays(-45), Today.AddMonths(-7).AddDays(3) })
        {
            var window = StallLearning.Window(day);
            var fromDeals = StallLearning.Suggest(closed, Team, day);
            var fromSums = StallLearning.Suggest(PipelineCube.WonStageTimes(sums, window.From, window.To), Team);
            Assert.Equal(Serialize(fromDeals), Serialize(fromSums));
            Assert.Contains(fromDeals, s => s.Learned is not null);
        }
    }

    private static string Serialize(object value) => JsonSerializer.Serialize(value);

    private static DateTimeOffset At(Random random, int fromDays, int toDays) =>
        Now.AddDays(random.Next(fromDays, toDays)).AddMinutes(random.Next(0, 24 * 60));

    private static Money? RandomAmount(Random random) => random.Next(100) switch
    {
        < 80 => new Money(random.Next(1, 2_000_000) / 100m * 100, "DKK"),
        < 87 => new Money(random.Next(1, 5_000_000) / 100m, "EUR"),
        < 91 => new Money(random.Next(1, 5_000_000) / 100m, "SEK"),
        < 94 => new Money(random.Next(1, 100_000), "USD"),
        _ => null,
    };

    private static UserRef Owner(Random random)
    {
        var n = random.Next(12);
        return new UserRef($"u-{n:D2}", $"Rep {n:D2}");
    }

    private static Deal RandomDeal(Random random, int i)
    {
        var created = At(random, -900, -1);
        var stage = random.Next(Stages.Length);
        var log = new List<StageEntry>();
        var at = created;
        for (var s = 0; s <= stage; s++)
        {
            if (s == 0 || random.Next(3) > 0)
            {
                log.Add(new StageEntry(Stages[s], at));
                at = at.AddHours(random.Next(1, 24 * 40));
            }
        }

        var deal = new Deal
        {
            Id = $"D-{i:D5}",
            Name = $"Deal {i}",
            Owner = Owner(random),
            Amount = RandomAmount(random),
            Segment = (Segment)random.Next(3),
            Stage = log[^1].Stage,
            StageEnteredAt = log[^1].At,
            CreatedAt = created,
            StageLog = log,
            Version = 1,
        };
        return random.Next(10) < 4 ? Opened(random, deal) : Closed(random, deal);
    }

    private static Deal Opened(Random random, Deal deal)
    {
        var entered = deal.StageEnteredAt < Now ? deal.StageEnteredAt : Now.AddDays(-random.Next(0, 30));
        return deal with
        {
            Status = DealStatus.Open,
            ClosedAt = null,
            StageEnteredAt = entered,
            StageLog = [.. deal.StageLog.Take(deal.StageLog.Count - 1), new StageEntry(deal.Stage, entered)],
            CloseDate = random.Next(20) == 0 ? null : Today.AddDays(random.Next(-200, 500)),
            NextStep = random.Next(10) < 3 ? new NextStep(Today.AddDays(random.Next(-20, 20)), "call") : null,
            SnoozedUntil = random.Next(10) == 0 ? Today.AddDays(random.Next(-5, 10)) : null,
            Category = random.Next(10) == 0 ? (ForecastCategory)random.Next(3) : null,
            LastSlipAt = random.Next(5) == 0 ? At(random, -400, 0) : null,
            CloseDateSlips = random.Next(4),
            LastSlipFrom = random.Next(6) == 0 ? null : Today.AddDays(random.Next(-300, 200)),
        };
    }

    private static Deal Closed(Random random, Deal deal)
    {
        var closedAt = deal.StageLog[^1].At.AddHours(random.Next(1, 24 * 60)) is var c && c < Now ? c : Now.AddHours(-random.Next(1, 48));
        return deal with
        {
            Status = random.Next(2) == 0 ? DealStatus.Won : DealStatus.Lost,
            ClosedAt = closedAt,
            StageLog = random.Next(50) == 0 ? [.. deal.StageLog, new StageEntry("retired-stage", deal.StageLog[^1].At)] : deal.StageLog,
            CloseDate = null,
        };
    }

    /// <summary>What people do to deals: advance, win or lose, reopen, move the close date, reprice, hand over, plan, snooze.</summary>
    private static Deal Changed(Random random, Deal deal)
    {
        var changed = random.Next(9) switch
        {
            0 when deal.IsOpen => deal with
            {
                Stage = Stages[random.Next(Stages.Length)],
                StageEnteredAt = Now.AddDays(-random.Next(0, 3)),
            },
            1 when deal.IsOpen => Closed(random, deal),
            2 when !deal.IsOpen => Opened(random, deal),
            3 => deal with
            {
                CloseDate = Today.AddDays(random.Next(-30, 300)),
                LastSlipFrom = deal.CloseDate,
                LastSlipAt = Now.AddDays(-random.Next(0, 5)),
            },
            4 => deal with { Amount = RandomAmount(random) },
            5 => deal with { Owner = Owner(random) },
            6 => deal with { NextStep = new NextStep(Today.AddDays(random.Next(-3, 14)), "demo") },
            7 => deal with { SnoozedUntil = Today.AddDays(random.Next(0, 7)), Segment = (Segment)random.Next(3) },
            _ => deal with { Category = random.Next(2) == 0 ? null : ForecastCategory.Commit },
        };
        return changed with
        {
            Version = deal.Version + 1,
            StageLog = changed.Stage != deal.Stage && changed.IsOpen ? [.. deal.StageLog, new StageEntry(changed.Stage, changed.StageEnteredAt)] : changed.StageLog,
        };
    }
}
