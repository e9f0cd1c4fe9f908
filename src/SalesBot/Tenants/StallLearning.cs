using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>
/// A stall limit the team's history suggests for one stage and segment: how many won deals it learned from, the limit
/// today, and the learned limit (null when the sample is too small to trust).
/// </summary>
internal sealed record StallSuggestion(string Stage, Segment Segment, int Sample, int CurrentLimit, int? Learned)
{
    public bool Differs => Learned is { } learned && learned != CurrentLimit;
}

/// <summary>How many won deals spent <paramref name="Days"/> business days in a stage (all their visits of it added up).</summary>
internal readonly record struct StageTime(Segment Segment, string Stage, int Days, long Count);

/// <summary>
/// The won deals' stage times from <paramref name="from"/> to <paramref name="to"/> (days they were won on, in the team's
/// zone) kept apart from the deals, so learning reads a few rows instead of a year of won deals; null when they cannot
/// answer now (not counted yet): learn from the deals then.
/// </summary>
internal interface IStageTimes
{
    Task<IReadOnlyList<StageTime>?> WonAsync(TenantSettings tenant, DateOnly from, DateOnly to, CancellationToken ct);
}

/// <summary>
/// Stall limits learned from the team's own won deals (definitions in docs/metrics.md, "Learned stall limits"): for each
/// stage and segment, the business days each won deal of the last 12 months spent in the stage (all its visits added
/// up, from entering the stage to entering the next one or being won; see <see cref="DaysPerStage"/> for the visits
/// left out), and the limit at the 80th percentile of those
/// times by the nearest-rank method, at least one day. With fewer than eight deals the current limit stays.
/// </summary>
internal static class StallLearning
{
    public const int Percentile = 80;
    public const int MinimumSample = 8;
    public const int MonthsBack = 12;

    /// <summary>The longest limit a stage can have (as for <c>config stall</c>).</summary>
    public const int MaximumLimit = 365;

    /// <summary>
    /// Business days a won deal spent in each stage it went through (visits of the same stage added up). Two kinds of
    /// visit say nothing about a stage and are left out: one that ended by jumping forward over stages (its time belongs
    /// to stages nobody recorded, as with a deal imported from a CRM export, which knows only when the deal entered its
    /// last stage), and the last one when the deal was won the day it began (an export records the win as the last stage
    /// change).
    /// </summary>
    public static IReadOnlyDictionary<string, int> DaysPerStage(Deal deal, TenantSettings tenant)
    {
        var days = new Dictionary<string, int>(StringComparer.Ordinal);
        var log = deal.StageLog;
        var process = tenant.Process;
        for (var i = 0; i < log.Count; i++)
        {
            var last = i + 1 == log.Count;
            if (!last && process.IndexOf(log[i + 1].Stage) > process.IndexOf(log[i].Stage) + 1)
            {
                continue;
            }

            var leftAt = last ? deal.ClosedAt ?? log[i].At : log[i + 1].At;
            var spent = BusinessDays.Between(tenant.Today(log[i].At), tenant.Today(leftAt), tenant.Holidays);
            if (last && spent == 0)
            {
                continue;
            }

            days[log[i].Stage] = days.GetValueOrDefault(log[i].Stage) + spent;
        }

        return days;
    }

    /// <summary>One suggestion per stage of the process and segment, in the process's order.</summary>
    public static IReadOnlyList<StallSuggestion> Suggest(IEnumerable<Deal> closed, TenantSettings tenant, DateOnly today) =>
        Suggest(Times(closed, tenant, Window(today)), tenant);

    /// <summary>The days deals were won on that learning counts: the last 12 months up to today.</summary>
    public static (DateOnly From, DateOnly To) Window(DateOnly today) => (today.AddMonths(-MonthsBack).AddDays(1), today);

    /// <summary>The stage times of the deals won in <paramref name="window"/>, one per deal and stage.</summary>
    public static IEnumerable<StageTime> Times(IEnumerable<Deal> closed, TenantSettings tenant, (DateOnly From, DateOnly To) window) =>
        closed.Where(d => d.Status == DealStatus.Won && d.ClosedAt is { } at && tenant.Today(at) >= window.From && tenant.Today(at) <= window.To)
            .SelectMany(d => DaysPerStage(d, tenant).Select(x => new StageTime(d.Segment, x.Key, x.Value, 1)));

    /// <summary>One suggestion per stage of the process and segment, in the process's order, from won deals' stage times.</summary>
    public static IReadOnlyList<StallSuggestion> Suggest(IEnumerable<StageTime> times, TenantSettings tenant)
    {
        var bySample = times.GroupBy(x => (x.Segment, x.Stage))
            .ToDictionary(g => g.Key, g => g.GroupBy(x => x.Days).Select(d => (Days: d.Key, Count: d.Sum(x => x.Count))).OrderBy(d => d.Days).ToArray());
        var suggestions = new List<StallSuggestion>();
        foreach (var stage in tenant.Process.Stages)
        {
            foreach (var segment in Enum.GetValues<Segment>())
            {
                var sample = bySample.GetValueOrDefault((segment, stage.Key), []);
                var size = (int)sample.Sum(x => x.Count);
                var current = tenant.Process.StallLimit(stage.Key, segment);
                suggestions.Add(new StallSuggestion(stage.Key, segment, size, current,
                    size >= MinimumSample ? Math.Clamp(NearestRank(sample, Percentile), 1, MaximumLimit) : null));
            }
        }

        return suggestions;
    }

    /// <summary>The nearest-rank percentile of sorted values: the value at rank ⌈p/100 × n⌉ (1-based).</summary>
    public static int NearestRank(IReadOnlyList<int> sorted, int percentile) => NearestRank([.. sorted.Select(d => (d, 1L))], percentile);

    /// <summary>The nearest-rank percentile of values sorted and counted (value, how many times it occurs).</summary>
    public static int NearestRank(IReadOnlyList<(int Value, long Count)> sorted, int percentile)
    {
        var n = sorted.Sum(x => x.Count);
        var rank = Math.Clamp((long)Math.Ceiling(percentile / 100.0 * n), 1, n);
        foreach (var (value, count) in sorted)
        {
            rank -= count;
            if (rank <= 0)
            {
                return value;
            }
        }

        return sorted[^1].Value;
    }
}
