using System.Globalization;
using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>How a pipeline report reads in chat, with buttons that open the deals behind each number.</summary>
internal sealed class PipelineReplies(DealText deals)
{
    private Phrases T => deals.Text;

    /// <param name="quotaSplit">Some of the quota is an even share of a longer period's; the answer says so.</param>
    /// <summary>The report as a picture: open amount and weighted amount per stage, and won and lost in the period.</summary>
    public ReplyChart Chart(PipelineReport r)
    {
        var t = deals.Text;
        string M(decimal amount) => deals.Money(new Money(decimal.Round(amount, 0), r.Currency));
        var header = t["PipelineHeader", DealText.Period(r.Period), ScopeLabel(r.Scope)];
        var lead = t["PipelineLead", M(r.OpenAmount), DealText.Period(r.Period), t.DealCount(r.OpenCount), M(r.Weighted)];
        var stages = r.Stages.Select(s => new ChartBar(s.Stage.Name, (double)s.Amount, (double)s.Weighted, t["ChartStageText", t.DealCount(s.Count), M(s.Amount)], t["ChartStageWeighted", M(s.Weighted)])).ToArray();
        ChartBar[] closed =
        [
            new(t["StatusWon"], (double)r.WonAmount, (double)r.WonAmount, M(r.WonAmount)),
            new(t["StatusLost"], (double)r.LostAmount, (double)r.LostAmount, M(r.LostAmount)),
        ];
        var alt = header + ". " + lead + " " + string.Join("; ", stages.Select(b => $"{b.Label}: {b.Text}, {b.Detail}")) + ". "
            + t["ChartClosedText", M(r.WonAmount), M(r.LostAmount)];
        return new ReplyChart(header, lead, stages, t["ChartOpen"], t["ChartWeighted"], closed, alt);
    }

    public Reply Report(PipelineReport r, CommandContext ctx, string scopeWords, bool share, bool quotaSplit = false)
    {
        var t = T;
        string M(decimal amount) => deals.Money(new Money(decimal.Round(amount, 0), r.Currency));
        static string P(double? rate) => rate is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "—";
        static string D(double? days) => days is { } v ? DealText.Number(v, "0.#") : "—";

        var header = t["PipelineHeader", DealText.Period(r.Period), ScopeLabel(r.Scope)];
        var lead = t["PipelineLead", M(r.OpenAmount), DealText.Period(r.Period), t.DealCount(r.OpenCount), M(r.Weighted)];
        var noHistory = r.TrailingWon + r.TrailingLost == 0;
        var fields = new List<ReplyField>
        {
            new(t["Category_Commit"], M(r.Categories[ForecastCategory.Commit])),
            new(t["Category_BestCase"], M(r.Categories[ForecastCategory.BestCase])),
            new(t["Category_Pipeline"], M(r.Categories[ForecastCategory.Pipeline])),
            new(t["PipelineWon"], t["CountAndAmount", t.DealCount(r.WonCount), M(r.WonAmount)]),
            new(t["PipelineLost"], t["CountAndAmount", t.DealCount(r.LostCount), M(r.LostAmount)]),
            new(t["PipelineQuota"], r.Quota is { } q
                ? t[quotaSplit ? "QuotaValueSplit" : "QuotaValue", M(q), P(r.Attainment)] + (r.WithoutQuota.Count > 0 ? t["QuotaWithout", string.Join(", ", r.WithoutQuota)] : string.Empty)
                : t["NotSet"]),
            new(t["PipelineCoverage"], r.Coverage is { } c
                ? r.NeededCoverage is { } needed
                    ? t["CoverageValue", DealText.Number(c, "0.0"), M(r.RemainingQuota ?? 0), DealText.Number(needed, "0.0")]
                    : t["CoverageValueNoRate", DealText.Number(c, "0.0"), M(r.RemainingQuota ?? 0)]
                : r.Quota is null ? t["CoverageNoQuota"] : t["CoverageMet"]),
            new(t["PipelineWinRate"], noHistory ? t["NoClosedDeals"] : t["WinRateValue", P(r.WinRateByCount), P(r.WinRateByValue), r.TrailingWon, r.TrailingLost]),
            new(t["PipelineCycle"], r.CycleDays is { } cycle ? t["DaysValue", D(cycle)] : "—"),
            new(t["PipelineVelocity"], r.VelocityPerDay is { } v ? t["VelocityValue", M(v)] : t["VelocityNeedsHistory", PipelineMath.MinWonForVelocity, r.TrailingWon]),
            new(t["PipelineStalled"], t["CountAndAmount", t.DealCount(r.StalledCount), M(r.StalledAmount)]),
            new(t["PipelineSlipped"], t.DealCount(r.SlippedCount)),
        };

        var items = r.Stages.Select(s => s.Count == 0
            ? t["StageLineEmpty", s.Stage.Name]
            : t["StageLine", s.Stage.Name, t.DealCount(s.Count), M(s.Amount), M(s.Weighted), D(s.AverageDaysInStage)]).ToList();
        if (noHistory)
        {
            items.Add(t["NoHistoryLine"]);
        }
        else
        {
            items.Add(t["ConversionLine", string.Join(", ", r.Conversions.Select(c => $"{c.From} → {c.To ?? t["StatusWon"]} {P(c.Rate)}"))]);
            items.Add(t["TimeInStageLine", string.Join(", ", ctx.Tenant.Process.Stages.Select(s => $"{s.Name} {D(r.AverageDaysPerStage[s.Key])}"))]);
        }

        var notes = new List<string>();
        if (r.Unpriced > 0)
        {
            notes.Add(t["UnpricedNote", t.DealCount(r.Unpriced), r.Currency]);
        }

        if (r.OpenWithoutCloseDate > 0)
        {
            notes.Add(r.OpenWithoutCloseDate == 1 ? t["NoCloseDateNoteOne"] : t["NoCloseDateNote", r.OpenWithoutCloseDate]);
        }

        var basis = $"pipeline {r.Period.Key.ToLowerInvariant()} {scopeWords}".TrimEnd();
        var buttons = new[] { new ReplyButton(t["ButtonChart"], $"{basis} chart") }
            .Concat(r.Stages.Where(s => s.Count > 0).Select(s => new ReplyButton(t["ShowDealsIn", s.Stage.Name], $"{basis} deals {s.Stage.Key}")))
            .Append(new ReplyButton(t["ShowDealsIn", t["Category_Commit"]], $"{basis} deals commit"))
            .Append(new ReplyButton(t["ShowDealsIn", t["PipelineWon"]], $"{basis} deals won"))
            .Take(6)
            .ToArray();


        var text = $"{header}\n{lead}\n" + string.Join("\n", fields.Select(f => $"{f.Label}: {f.Value}"))
            + "\n" + string.Join("\n", items.Select(i => "• " + i)) + (notes.Count > 0 ? "\n" + string.Join(" ", notes) : string.Empty);
        return new Reply(text)
        {
            Header = header,
            Lead = lead,
            Fields = fields,
            Items = items,
            Footer = notes.Count > 0 ? string.Join(" ", notes) : t["PipelineFooter"],
            Buttons = buttons,
            Visibility = share ? Visibility.Public : Visibility.Private,
        };
    }

    /// <summary>The deals behind one number: name, owner, amount, probability, close date, days in stage.</summary>
    /// <param name="usual">For stalled deals: business days the team's won deals usually spend in a stage and segment (learned).</param>
    public Reply DealsBehind(string title, IReadOnlyList<Deal> list, CommandContext ctx, int page, string command, ReplyButton back,
        IReadOnlyList<StallSuggestion>? usual = null)
    {
        page = Math.Clamp(page, 1, Paging.Pages(list.Count));
        var shown = list.OrderByDescending(d => d.Amount?.Amount ?? 0).Skip((page - 1) * Paging.PageSize).Take(Paging.PageSize).ToArray();
        return DealsBehind(title, shown, list.Count, ctx, page, command, back, usual);
    }

    /// <summary>One page of a drill-down, largest deals first: <paramref name="shown"/> are page <paramref name="page"/>'s deals of <paramref name="total"/>.</summary>
    public Reply DealsBehind(string title, IReadOnlyList<Deal> shown, long total, CommandContext ctx, int page, string command, ReplyButton back,
        IReadOnlyList<StallSuggestion>? usual = null)
    {
        var t = T;
        if (total == 0)
        {
            return new Reply(t["ListEmpty", title]) { Header = title, Buttons = [back] };
        }

        var items = shown.Select(d => string.Join(" · ",
            $"{d.Name} ({d.Id})", d.Owner.Name, deals.Money(d.Amount), $"{ctx.Tenant.Process.Probability(d)} %",
            !d.IsOpen && d.ClosedAt is { } at ? t["ClosedOnDay", DealText.Date(ctx.Tenant.Today(at))]
                : d.CloseDate is { } c ? t["CloseOn", DealText.Date(c)] : t["NoCloseDate"],
            d.IsOpen ? t["DaysInStage", StallPolicy.DaysInStage(d, ctx.Tenant, ctx.Today)]
                + (usual?.FirstOrDefault(u => u.Stage == d.Stage && u.Segment == d.Segment)?.Learned is { } days ? t["UsuallyWithin", days] : string.Empty)
                : deals.Stage(d, ctx.Tenant.Process))).ToArray();
        var header = t["ListHeader", title, total];
        return Paging.Page(new Reply(header) { Header = header, Buttons = [back] }, items, page, total, command, t);
    }

    private string ScopeLabel(PipelineScope scope)
    {
        var who = scope.OwnerName ?? T["ScopeTeam"];
        return scope.Segment is { } s ? $"{who} · {deals.Segment(s)}" : who;
    }
}
