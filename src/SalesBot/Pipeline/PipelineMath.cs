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
        var unpriced = new HashSet<string>(StringComparer.Ordinal);
        decimal Value(Deal d)
        {
            if (ToBase(d.Amount, tenant) is { } v)
            {
                return v;
            }

            unpriced.Add(d.Id);
            return 0;
        }

        var open = input.OpenDeals.Where(d => d.IsOpen && input.Scope.Includes(d)).ToArray();
        var inPeriod = open.Where(d => ClosesIn(d, input.Period)).ToArray();
        var stages = process.Stages.Select(s =>
        {
            var here = inPeriod.Where(d => d.Stage == s.Key).ToArray();
            return new StageLine(
                s, here.Length, here.Sum(Value), here.Sum(d => Value(d) * s.Probability / 100m),
                here.Length == 0 ? null : here.Average(d => (double)StallPolicy.DaysInStage(d, tenant, input.Today)));
        }).ToArray();
        var categories = Enum.GetValues<ForecastCategory>().ToDictionary(c => c, c => inPeriod.Where(d => process.Category(d) == c).Sum(Value));

        var closed = input.ClosedDeals.Where(d => !d.IsOpen && d.ClosedAt is not null && input.Scope.Includes(d)).ToArray();
        DateOnly ClosedOn(Deal d) => tenant.Today(d.ClosedAt!.Value);
        var wonInPeriod = closed.Where(d => d.Status == DealStatus.Won && input.Period.Contains(ClosedOn(d))).ToArray();
        var lostInPeriod = closed.Where(d => d.Status == DealStatus.Lost && input.Period.Contains(ClosedOn(d))).ToArray();
        var trailing = closed.Where(d => ClosedOn(d) > input.Today.AddYears(-1) && ClosedOn(d) <= input.Today).ToArray();
        var trailingWon = trailing.Where(d => d.Status == DealStatus.Won).ToArray();
        var trailingLost = trailing.Where(d => d.Status == DealStatus.Lost).ToArray();

        var stalled = inPeriod.Where(d => StallPolicy.IsStalled(d, tenant, input.Today)).ToArray();
        var wonAmount = wonInPeriod.Sum(Value);
        var openAmount = inPeriod.Sum(Value);
        var quota = input.Quota?.Amount;
        var remaining = quota is { } q ? Math.Max(0, q - wonAmount) : (decimal?)null;

        // In a team answer whose quota sums its people's quotas, the people with deals in the period but no quota are
        // named, so an attainment over 100 % reads for what it is.
        var withoutQuota = input.Quota is { TeamOwn: false } summed && input.Scope.OwnerId is null
            ? inPeriod.Concat(wonInPeriod).Concat(lostInPeriod).Select(d => d.Owner)
                .Where(o => !summed.Owners.Contains(o.Id)).DistinctBy(o => o.Id).Select(o => o.Name).Order(StringComparer.CurrentCulture).ToArray()
            : [];
        var winByValue = trailingWon.Sum(Value) + trailingLost.Sum(Value) is var total and > 0 ? (double)(trailingWon.Sum(Value) / total) : (double?)null;
        var winByCount = trailing.Length == 0 ? (double?)null : (double)trailingWon.Length / trailing.Length;
        // A deal won the day it was created took a day, not zero: the one-day floor keeps velocity finite.
        var cycle = trailingWon.Length == 0 ? (double?)null : trailingWon.Average(d => Math.Max(1, (d.ClosedAt!.Value - d.CreatedAt).TotalDays));
        var averageWon = trailingWon.Length == 0 ? (decimal?)null : trailingWon.Average(Value);

        return new PipelineReport(
            input.Period, input.Scope, tenant.Currency, stages,
            inPeriod.Length, openAmount, stages.Sum(s => s.Weighted), categories,
            wonInPeriod.Length, wonAmount, lostInPeriod.Length, lostInPeriod.Sum(Value),
            quota,
            quota is > 0 ? (double)(wonAmount / quota.Value) : null,
            remaining,
            remaining is > 0 ? (double)(openAmount / remaining.Value) : null,
            winByValue is > 0 ? 1 / winByValue : null,
            trailingWon.Length, trailingLost.Length, trailingWon.Sum(Value), trailingLost.Sum(Value),
            Conversions(trailing, process),
            process.Stages.ToDictionary(s => s.Key, s => AverageDaysIn(s.Key, trailing, tenant)),
            cycle,
            // Velocity: the period's opportunities × win rate × average won deal ÷ average cycle, per day.
            trailingWon.Length >= MinWonForVelocity && cycle is { } days && averageWon is { } avg && winByCount is { } rate
                ? inPeriod.Length * avg * (decimal)rate / (decimal)days
                : null,
            stalled.Length,
            stalled.Sum(Value),
            open.Count(d => SlippedIn(d, input.Period, tenant)),
            unpriced.Count,
            open.Count(d => d.CloseDate is null))
        {
            WithoutQuota = withoutQuota,
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
