using SalesBot.Commands;
using SalesBot.Deals;
using SalesBot.Deals.Verbs;
using SalesBot.Messaging;

namespace SalesBot.Pipeline;

/// <summary>
/// <c>pipeline accuracy</c>: for each of the last four ended quarters, the team's weighted forecast 12, 8 and 4 weeks
/// before its end against what it won; <c>pipeline accuracy &lt;quarter&gt;</c>: that quarter per person. A forecast
/// recorded on the day (or up to six days before) is used; otherwise it is reconstructed from history and marked so.
/// <c>pipeline snapshot</c>: managers record today's forecast at once.
/// </summary>
internal sealed class AccuracyReport(IDealStore store, ForecastSnapshots snapshots, DealReplies replies, Charts.ChartLinks charts)
{
    public async Task<Reply> SnapshotAsync(CommandContext ctx, CancellationToken ct)
    {
        var t = replies.Text;
        if (!ctx.IsManager)
        {
            return new Reply(t["OnlyManagersConfig"]) { IsError = true };
        }

        var rows = await snapshots.TakeAsync(ctx.Tenant, ct);
        var now = Periods.QuarterOf(ctx.Today, ctx.Tenant.FiscalYearStartMonth);
        var next = Periods.QuarterOf(ctx.Today, ctx.Tenant.FiscalYearStartMonth, 1);
        return new Reply(t["SnapshotTaken", DealText.Period(now), DealText.Period(next), rows / 2 - 1]);
    }

    /// <summary>One ended quarter's accuracy for a scope (the team when <paramref name="ownerId"/> is null), as a field of the pipeline answer.</summary>
    public async Task<ReplyField?> FieldAsync(Period quarter, string? ownerId, CommandContext ctx, CancellationToken ct)
    {
        if (!quarter.Key.Contains("-Q", StringComparison.Ordinal) || quarter.End >= ctx.Today)
        {
            return null;
        }

        var t = replies.Text;
        var tenant = ctx.Tenant;
        var first = ForecastAccuracy.Before(quarter, ForecastAccuracy.WeeksBefore[0]);
        var from = new[] { first, quarter.Start }.Min();
        var open = await store.ListAsync(tenant.Tenant, new DealQuery(OpenOnly: true, OwnerId: ownerId, Max: 100_000), ct);
        var closed = await store.ListClosedAsync(tenant.Tenant, new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1), ctx.Now.AddDays(1), ct);
        var recorded = await snapshots.ForAsync(tenant.Tenant, quarter.Key, ct);
        var all = open.Concat(closed).DistinctBy(d => d.Id).ToArray();
        ForecastPoint At(int weeks) => PointAt(recorded, all, tenant, quarter, ForecastAccuracy.Before(quarter, weeks), ownerId);
        var row = new AccuracyRow(quarter, ownerId, null, At(12), At(8), At(4), ForecastAccuracy.Won(closed, tenant, quarter, ownerId));
        string F(ForecastPoint p) => replies.Money(new Money(decimal.Round(p.Weighted, 0), tenant.Currency)) + (p.Reconstructed ? " " + t["AccuracyReconstructedMark"] : string.Empty);
        return new ReplyField(t["PipelineForecastAccuracy"], t["AccuracyField", F(row.Twelve!), F(row.Eight!), F(row.Four!), Error(row.Error)]);
    }

    public async Task<Reply> ReportAsync(ShowPipeline command, CommandContext ctx, CancellationToken ct)
    {
        var t = replies.Text;
        var tenant = ctx.Tenant;
        var seeTeam = ctx.IsManager || tenant.TeamVisibility;
        var single = command.PeriodTyped;
        var quarters = single
            ? [command.Period]
            : Enumerable.Range(1, 4).Select(n => Periods.QuarterOf(ctx.Today, tenant.FiscalYearStartMonth, -n)).Reverse().ToArray();
        // From the earlier of the first forecast day and the first quarter's start: the deals open then, and every deal won in the quarters.
        var earliest = new[] { ForecastAccuracy.Before(quarters[0], ForecastAccuracy.WeeksBefore[0]), quarters[0].Start }.Min();
        var open = await store.ListAsync(tenant.Tenant, new DealQuery(OpenOnly: true, Max: 100_000), ct);
        var closed = await store.ListClosedAsync(tenant.Tenant, new DateTimeOffset(earliest.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1),
            ctx.Now.AddDays(1), ct);
        var all = open.Concat(closed).DistinctBy(d => d.Id).ToArray();

        // Who is reported: the team and, for one quarter, everyone with deals in it (a rep sees only themselves).
        var people = seeTeam
            ? all.GroupBy(d => d.Owner.Id).Select(g => (Id: (string?)g.Key, g.First().Owner.Name)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToArray()
            : [(ctx.User.Id, ctx.User.Name)];
        var rows = new List<AccuracyRow>();
        foreach (var quarter in quarters)
        {
            var recorded = await snapshots.ForAsync(tenant.Tenant, quarter.Key, ct);
            var owners = seeTeam ? new[] { ((string?)null, (string?)null) }.Concat(single ? people.Select(p => (p.Id, (string?)p.Name)) : []) : people.Select(p => (p.Id, (string?)p.Name));
            foreach (var (ownerId, name) in owners)
            {
                ForecastPoint? At(int weeks)
                {
                    var day = ForecastAccuracy.Before(quarter, weeks);
                    if (day > ctx.Today)
                    {
                        return null;
                    }

                    return PointAt(recorded, all, tenant, quarter, day, ownerId);
                }

                rows.Add(new AccuracyRow(quarter, ownerId, name, At(12), At(8), At(4), ForecastAccuracy.Won(closed, tenant, quarter, ownerId)));
            }
        }

        string M(decimal amount) => replies.Money(new Money(decimal.Round(amount, 0), tenant.Currency));
        string F(ForecastPoint? p) => p is null ? "—" : M(p.Weighted) + (p.Reconstructed ? " " + t["AccuracyReconstructedMark"] : string.Empty);
        string E(double? error) => Error(error);
        var items = rows.Select(r => t["AccuracyLine", single ? r.OwnerName ?? t["AccuracyTeam"] : DealText.Period(r.Quarter), F(r.Twelve), F(r.Eight), F(r.Four), M(r.Won), E(r.Error)]).ToArray();
        var header = single ? t["AccuracyHeaderOne", DealText.Period(command.Period)] : t["AccuracyHeader"];
        var anyReconstructed = rows.Any(r => new[] { r.Twelve, r.Eight, r.Four }.Any(p => p?.Reconstructed == true));
        var lead = t["AccuracyLead"];
        var basis = single ? $"pipeline accuracy {command.Period.Key.ToLowerInvariant()}" : "pipeline accuracy";
        var answer = new Reply(header + "\n" + lead + "\n" + string.Join("\n", items.Select(i => "• " + i)))
        {
            Header = header,
            Lead = lead,
            Items = items,
            Footer = anyReconstructed ? t["AccuracyReconstructedNote"] : null,
            Buttons = [new ReplyButton(t["ButtonChart"], basis + " chart"),
                .. single ? [] : quarters.Reverse().Take(2).Select(q => new ReplyButton(t["ButtonAccuracyOf", DealText.Period(q)], $"pipeline accuracy {q.Key.ToLowerInvariant()}"))],
        };
        if (!command.Chart)
        {
            return answer;
        }

        // Forecast 4 weeks before (light) against won (dark), a bar a quarter (or a person).
        var bars = rows.Select(r => new ChartBar(single ? r.OwnerName ?? t["AccuracyTeam"] : DealText.Period(r.Quarter), (double)(r.Four?.Weighted ?? 0), (double)r.Won,
            t["AccuracyChartText", F(r.Four)], t["AccuracyChartWon", M(r.Won), E(r.Error)])).ToArray();
        var chart = new ReplyChart(header, lead, bars, t["AccuracyChartForecast"], t["AccuracyChartWonLegend"], [], header + ". " + string.Join("; ", items));
        return answer with { Chart = chart with { ImageUrl = await charts.UrlAsync(chart, ct) } };
    }

    /// <summary>The forecast recorded on the day or up to six days before, else reconstructed from the deals' history.</summary>
    private static ForecastPoint PointAt(IReadOnlyList<ForecastPoint> recorded, IEnumerable<Deal> deals, Tenants.TenantSettings tenant, Period quarter, DateOnly day, string? ownerId) =>
        recorded.Where(p => p.OwnerId == ownerId && p.AsOf <= day && p.AsOf > day.AddDays(-7)).MaxBy(p => p.AsOf)
        ?? ForecastAccuracy.Forecast(ForecastAccuracy.AsOf(deals, tenant, day), tenant, quarter, day, ownerId, reconstructed: true);

    private static string Error(double? error) =>
        error is { } e ? (e >= 0 ? "+" : "−") + Math.Abs(e * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " %" : "—";
}
