using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>
/// What was forecast for a quarter as of one day, for the team (<see cref="OwnerId"/> null) or one person: the weighted
/// forecast and the Commit and Best case amounts of the deals then expected to close in it. <see cref="Reconstructed"/>
/// when it was worked out afterwards from the deals' history rather than recorded that day.
/// </summary>
internal sealed record ForecastPoint(string PeriodKey, DateOnly AsOf, string? OwnerId, decimal Weighted, decimal Commit, decimal BestCase, bool Reconstructed);

/// <summary>A quarter's forecasts 12, 8 and 4 weeks before its end against what was won in it.</summary>
internal sealed record AccuracyRow(Period Quarter, string? OwnerId, string? OwnerName, ForecastPoint? Twelve, ForecastPoint? Eight, ForecastPoint? Four, decimal Won)
{
    /// <summary>(forecast 4 weeks before − won) ÷ won; null without a forecast or without anything won.</summary>
    public double? Error => Four is { } f && Won != 0 ? (double)((f.Weighted - Won) / Won) : null;
}

/// <summary>
/// Forecast accuracy (definitions in docs/metrics.md, "Forecast accuracy"): the forecasts a team made for a quarter —
/// recorded every Monday, or reconstructed from history — against what it then won.
/// </summary>
internal static class ForecastAccuracy
{
    public static readonly int[] WeeksBefore = [12, 8, 4];

    /// <summary>The day <paramref name="weeks"/> weeks before the quarter's last day.</summary>
    public static DateOnly Before(Period quarter, int weeks) => quarter.End.AddDays(-7 * weeks);

    /// <summary>The forecast for <paramref name="quarter"/> from the deals as they stood on <paramref name="asOf"/>.</summary>
    public static ForecastPoint Forecast(IEnumerable<Deal> openThen, TenantSettings tenant, Period quarter, DateOnly asOf, string? ownerId, bool reconstructed)
    {
        var scope = new PipelineScope(ownerId, null, null);
        var report = PipelineMath.Compute(new PipelineInput(quarter, scope, asOf, tenant, [.. openThen], [], null));
        return new ForecastPoint(quarter.Key, asOf, ownerId, report.Weighted, report.Categories[ForecastCategory.Commit], report.Categories[ForecastCategory.BestCase], reconstructed);
    }

    /// <summary>
    /// The deals as they stood at the end of <paramref name="asOf"/>, as far as history tells: created by then and not yet
    /// closed, in the stage the stage log had them in, with the close date they had before a later slip. Amounts,
    /// segments and owners are as they stand now (their changes are not kept on the deal).
    /// </summary>
    public static IReadOnlyList<Deal> AsOf(IEnumerable<Deal> deals, TenantSettings tenant, DateOnly asOf) =>
        [.. deals
            .Where(d => tenant.Today(d.CreatedAt) <= asOf && (d.ClosedAt is not { } closed || tenant.Today(closed) > asOf))
            .Select(d => d with
            {
                Status = DealStatus.Open,
                Stage = d.StageLog.LastOrDefault(s => tenant.Today(s.At) <= asOf)?.Stage ?? (d.StageLog.Count > 0 ? d.StageLog[0].Stage : d.Stage),
                CloseDate = d.LastSlipAt is { } slipped && tenant.Today(slipped) > asOf && d.LastSlipFrom is { } before ? before : d.CloseDate,
                Category = null,
            })];

    /// <summary>Won in the quarter, in the team's currency (deals of <paramref name="ownerId"/> when given).</summary>
    public static decimal Won(IEnumerable<Deal> closed, TenantSettings tenant, Period quarter, string? ownerId) =>
        closed.Where(d => d.Status == DealStatus.Won && (ownerId is null || d.Owner.Id == ownerId) && d.ClosedAt is { } at && quarter.Contains(tenant.Today(at)))
            .Sum(d => PipelineMath.ToBase(d.Amount, tenant) ?? 0);
}
