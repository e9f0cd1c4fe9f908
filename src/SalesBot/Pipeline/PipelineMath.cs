using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>The inputs of a report: the open deals, the deals closed in the period and in the trailing twelve months.</summary>
internal sealed record PipelineInput(
    Period Period,
    PipelineScope Scope,
    DateOnly Today,
    TenantSettings Tenant,
    IReadOnlyList<Deal> OpenDeals,
    IReadOnlyList<Deal> ClosedDeals,
    Quota? Quota);

/// <summary>
/// The pipeline figures, as pure functions of the deals (definitions with formulas in docs/metrics.md). The trailing
/// window for win rate, conversion, time in stage, cycle length and velocity is the twelve months up to today.
/// </summary>
internal static class PipelineMath
{
    /// <summary>Sales velocity needs this many deals won in the trailing window; with fewer it is not shown.</summary>
    public const int MinWonForVelocity = 5;

    /// <summary>An open deal in scope of the period's pipeline: its expected close date is in the period.</summary>
    public static bool ClosesIn(Deal d, Period period) => d.IsOpen && d.CloseDate is { } c && period.Contains(c);

    /// <summary>
    /// An open deal of the period whose close date was last moved later during the period: it still closes in the
    /// period, or the close date it was moved from was in the period (it slipped out).
    /// </summary>
    public static bool SlippedIn(Deal d, Period period, TenantSettings tenant) =>
        d.IsOpen && d.LastSlipAt is { } at && period.Contains(tenant.Today(at))
        && (ClosesIn(d, period) || (d.LastSlipFrom is { } from && period.Contains(from)));

    public static PipelineReport Compute(PipelineInput input)
    {
        var tenant = input.Tenant;
        var process = tenant.Process;
        decimal Total(IEnumerable<Deal> deals)
        {
            var sum = new MoneySum();
            foreach (var d in deals)
            {
                sum.Add(d.Amount);
            }

            return sum.InBase(tenant);
        }

        var open = input.OpenDeals.Where(d => d.IsOpen && input.Scope.Includes(d)).ToArray();
        var inPeriod = open.Where(d => ClosesIn(d, input.Period)).ToArray();
        var stages = process.Stages.Select(s =>
        {
            var here = inPeriod.Where(d => d.Stage == s.Key).ToArray();
            var amount = Total(here);
            return new StageLine(
                s, here.Length, amount, amount * s.Probability / 100m,
                here.Length == 0 ? null : here.Average(d => (double)StallPolicy.DaysInStage(d, tenant, input.Today)));
        }).ToArray();
        var categories = Enum.GetValues<ForecastCategory>().ToDictionary(c => c, c => Total(inPeriod.Where(d => process.Category(d) == c)));

        var closed = input.ClosedDeals.Where(d => !d.IsOpen && d.ClosedAt is not null && input.Scope.Includes(d)).ToArray();
        DateOnly ClosedOn(Deal d) => tenant.Today(d.ClosedAt!.Value);
        var wonInPeriod = closed.Where(d => d.Status == DealStatus.Won && input.Period.Contains(ClosedOn(d))).ToArray();
        var lostInPeriod = closed.Where(d => d.Status == DealStatus.Lost && input.Period.Contains(ClosedOn(d))).ToArray();
        var trailing = closed.Where(d => InTrailingYear(ClosedOn(d), input.Today)).ToArray();
        var trailingWon = trailing.Where(d => d.Status == DealStatus.Won).ToArray();
        var trailingLost = trailing.Where(d => d.Status == DealStatus.Lost).ToArray();

        var stalled = inPeriod.Where(d => StallPolicy.IsStalled(d, tenant, input.Today)).ToArray();

        // In a team answer whose quota sums its people's quotas, the people with deals in the period but no quota are
        // named, so an attainment over 100 % reads for what it is.
        var withoutQuota = input.Quota is { TeamOwn: false } summed && input.Scope.OwnerId is null
            ? inPeriod.Concat(wonInPeriod).Concat(lostInPeriod).Select(d => d.Owner)
                .Where(o => !summed.Owners.Contains(o.Id)).DistinctBy(o => o.Id).Select(o => o.Name).ToArray()
            : [];
        var unpriced = inPeriod.Concat(closed.Where(d => input.Period.Contains(ClosedOn(d)) || InTrailingYear(ClosedOn(d), input.Today)))
            .Count(d => !MoneySum.Priced(d.Amount, tenant));

        return Report(new Figures(
            input, stages, inPeriod.Length, Total(inPeriod), categories,
            wonInPeriod.Length, Total(wonInPeriod), lostInPeriod.Length, Total(lostInPeriod),
            trailingWon.Length, trailingLost.Length, Total(trailingWon), Total(trailingLost),
            Conversions(trailing, process),
            process.Stages.ToDictionary(s => s.Key, s => AverageDaysIn(s.Key, trailing, tenant)),
            trailingWon.Sum(d => CycleTicks(d.CreatedAt, d.ClosedAt!.Value)),
            stalled.Length, Total(stalled),
            open.Count(d => SlippedIn(d, input.Period, tenant)),
            unpriced,
            open.Count(d => d.CloseDate is null),
            withoutQuota));
    }

    /// <summary>Closed in the twelve months up to today: the window of win rate, conversion, time in stage and cycle.</summary>
    public static bool InTrailingYear(DateOnly closedOn, DateOnly today) => closedOn > today.AddYears(-1) && closedOn <= today;

    /// <summary>A won deal's sales cycle; a deal won the day it was created took a day, not zero, which keeps velocity finite.</summary>
    public static long CycleTicks(DateTimeOffset created, DateTimeOffset closed) => Math.Max(TimeSpan.TicksPerDay, (closed - created).Ticks);

    /// <summary>The sums a report is made of, however they were counted (from the deals, or from the team's summary rows).</summary>
    internal sealed record Figures(
        PipelineInput Input,
        StageLine[] Stages,
        int OpenCount,
        decimal OpenAmount,
        Dictionary<ForecastCategory, decimal> Categories,
        int WonCount,
        decimal WonAmount,
        int LostCount,
        decimal LostAmount,
        int TrailingWon,
        int TrailingLost,
        decimal TrailingWonValue,
        decimal TrailingLostValue,
        Conversion[] Conversions,
        Dictionary<string, double?> AverageDaysPerStage,
        long WonCycleTicks,
        int StalledCount,
        decimal StalledAmount,
        int SlippedCount,
        int Unpriced,
        int OpenWithoutCloseDate,
        IEnumerable<string> WithoutQuota);

    /// <summary>The report's ratios from its sums: attainment, coverage, win rates, cycle and velocity.</summary>
    internal static PipelineReport Report(Figures f)
    {
        var input = f.Input;
        var quota = input.Quota?.Amount;
        var remaining = quota is { } q ? Math.Max(0, q - f.WonAmount) : (decimal?)null;
        var winByValue = f.TrailingWonValue + f.TrailingLostValue is var total and > 0 ? (double)(f.TrailingWonValue / total) : (double?)null;
        var winByCount = f.TrailingWon + f.TrailingLost == 0 ? (double?)null : (double)f.TrailingWon / (f.TrailingWon + f.TrailingLost);
        var cycle = f.TrailingWon == 0 ? (double?)null : (double)f.WonCycleTicks / TimeSpan.TicksPerDay / f.TrailingWon;
        var averageWon = f.TrailingWon == 0 ? (decimal?)null : f.TrailingWonValue / f.TrailingWon;

        return new PipelineReport(
            input.Period, input.Scope, input.Tenant.Currency, f.Stages,
            f.OpenCount, f.OpenAmount, f.Stages.Sum(s => s.Weighted), f.Categories,
            f.WonCount, f.WonAmount, f.LostCount, f.LostAmount,
            quota,
            quota is > 0 ? (double)(f.WonAmount / quota.Value) : null,
            remaining,
            remaining is > 0 ? (double)(f.OpenAmount / remaining.Value) : null,
            winByValue is > 0 ? 1 / winByValue : null,
            f.TrailingWon, f.TrailingLost, f.TrailingWonValue, f.TrailingLostValue,
            f.Conversions,
            f.AverageDaysPerStage,
            cycle,
            // Velocity: the period's opportunities × win rate × average won deal ÷ average cycle, per day.
            f.TrailingWon >= MinWonForVelocity && cycle is { } days && averageWon is { } avg && winByCount is { } rate
                ? f.OpenCount * avg * (decimal)rate / (decimal)days
                : null,
            f.StalledCount,
            f.StalledAmount,
            f.SlippedCount,
            f.Unpriced,
            f.OpenWithoutCloseDate)
        {
            WithoutQuota = [.. f.WithoutQuota.Order(StringComparer.CurrentCulture)],
        };
    }

    /// <summary>The amount in the team's currency; null when there is no rate for the deal's currency.</summary>
    public static decimal? ToBase(Money? money, TenantSettings tenant) => money switch
    {
        null => 0,
        { Currency: var c } m when c == tenant.Currency => m.Amount,
        { Currency: var c } m when tenant.CurrencyRates.TryGetValue(c, out var rate) => decimal.Round(m.Amount * rate, 2),
        _ => null,
    };

    /// <summary>
    /// Of the deals closed in the window that reached a stage, the share that reached the next one; won deals count as
    /// having reached every stage, and the last step is to won.
    /// </summary>
    private static Conversion[] Conversions(IReadOnlyList<Deal> closed, SalesProcess process)
    {
        int Reached(int index) => closed.Count(d => d.Status == DealStatus.Won || d.StageLog.Any(e => process.IndexOf(e.Stage) >= index));
        var steps = new List<Conversion>();
        for (var i = 0; i < process.Stages.Count; i++)
        {
            var to = i + 1 < process.Stages.Count ? process.Stages[i + 1].Name : null;
            var advanced = i + 1 < process.Stages.Count ? Reached(i + 1) : closed.Count(d => d.Status == DealStatus.Won);
            steps.Add(new Conversion(process.Stages[i].Name, to, Reached(i), advanced));
        }

        return [.. steps];
    }

    /// <summary>
    /// Average business days spent in a stage per visit, over the closed deals' stage logs: the unit of the stall limits
    /// and of every other "days in stage" a user reads.
    /// </summary>
    private static double? AverageDaysIn(string stage, IReadOnlyList<Deal> closed, TenantSettings tenant)
    {
        var visits = new List<double>();
        foreach (var d in closed)
        {
            for (var i = 0; i < d.StageLog.Count; i++)
            {
                if (d.StageLog[i].Stage == stage)
                {
                    var left = i + 1 < d.StageLog.Count ? d.StageLog[i + 1].At : d.ClosedAt!.Value;
                    visits.Add(BusinessDays.Between(tenant.Today(d.StageLog[i].At), tenant.Today(left), tenant.Holidays));
                }
            }
        }

        return visits.Count == 0 ? null : visits.Average();
    }
}

/// <summary>
/// Amounts summed per currency, then each currency's sum converted to the team's currency (rounded to the cent) and
/// added up: the same total whether the amounts come one deal at a time or already summed.
/// </summary>
internal sealed class MoneySum
{
    private readonly Dictionary<string, decimal> _byCurrency = new(StringComparer.Ordinal);

    public void Add(Money? money)
    {
        if (money is { } m)
        {
            Add(m.Currency, m.Amount);
        }
    }

    public void Add(string currency, decimal amount) => _byCurrency[currency] = _byCurrency.GetValueOrDefault(currency) + amount;

    /// <summary>In the team's currency; currencies without a rate count as nothing (the report counts those deals as unpriced).</summary>
    public decimal InBase(TenantSettings tenant) => _byCurrency.Sum(c => PipelineMath.ToBase(new Money(c.Value, c.Key), tenant) ?? 0);

    public static bool Priced(Money? money, TenantSettings tenant) => PipelineMath.ToBase(money, tenant) is not null;
}
