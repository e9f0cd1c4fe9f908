using SalesBot.Commands;
using SalesBot.Deals;
using SalesBot.Deals.Verbs;
using SalesBot.Messaging;
using SalesBot.Reminders;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

internal sealed class PipelineHandler(
    IDealStore store, PeopleResolver people, PipelineReplies replies, DealReplies dealReplies, Charts.ChartLinks charts, AccuracyReport accuracy,
    LearnedStallLimits learned, IPipelineSums sums, PipelineSumsUpkeep upkeep, TeamUpkeep teamUpkeep)
    : CommandHandler<ShowPipeline>
{
    protected override async Task<Reply> HandleAsync(ShowPipeline command, CommandContext ctx, CancellationToken ct)
    {
        if (command.Snapshot)
        {
            return await accuracy.SnapshotAsync(ctx, ct);
        }

        if (command.Accuracy)
        {
            return await accuracy.ReportAsync(command, ctx, ct);
        }

        var t = dealReplies.Text;
        var seeTeam = ctx.IsManager || ctx.Tenant.TeamVisibility;
        Reply OnlyManagers() => new(t["OnlyManagersPipeline"]) { IsError = true, Buttons = [new(t["ButtonMyPipeline"], "pipeline mine")] };
        UserRef? owner;
        switch (command.Who)
        {
            case "mine":
                owner = ctx.User;
                break;
            case "team":
                if (!seeTeam)
                {
                    return OnlyManagers();
                }

                owner = null;
                break;
            case { } mention:
                var person = await people.ResolveAsync(ctx, mention, ct);
                if (person.User is null)
                {
                    return person.Error!;
                }

                if (person.User.Id != ctx.User.Id && !seeTeam)
                {
                    return OnlyManagers();
                }

                owner = person.User;
                break;
            default:
                owner = seeTeam ? null : ctx.User;
                break;
        }

        var scope = new PipelineScope(owner?.Id, owner?.Name, command.Segment);
        var quota = ctx.Tenant.QuotaFor(command.Period.Key, owner?.Id);
        var scopeWords = string.Join(' ', new[] { command.Who, command.Segment is { } s ? Segments.Word(s) : null }.Where(w => w is not null));
        PipelineReport report;
        var months = PipelineCube.ClosedMonths(command.Period, ctx.Today).ToArray();
        if (command.Deals is null && upkeep.Tend(ctx.Tenant, await sums.ReadAsync(ctx.Tenant, owner?.Id ?? PipelineCube.Team, months[0], months[^1], ct)) is { } summed)
        {
            // The team's sums: a few rows per month, however many deals the team has.
            report = PipelineCube.Compute(new PipelineInput(command.Period, scope, ctx.Today, ctx.Tenant, [], [], quota), summed.Rows);
        }
        else if (command.Deals is { } group)
        {
            // Stalled deals say how long the team's won deals usually stay in their stage.
            var usual = group == "stalled" ? await learned.ForAsync(ctx.Tenant, ct) : null;
            var (title, picks) = Group(group, command.Period, scope, ctx);
            title = $"{title} · {DealText.Period(command.Period)}";
            var basis = $"pipeline {command.Period.Key.ToLowerInvariant()} {scopeWords}".TrimEnd();
            var back = new ReplyButton(dealReplies.Text["ButtonBackToPipeline"], basis);
            if (await RankedPageAsync(group, command.Period, scope, owner, picks, command.Page, ctx, ct) is var (shown, total, page))
            {
                return replies.DealsBehind(title, shown, total, ctx, page, $"{basis} deals {group}", back, usual);
            }

            var input = await DrillDownAsync(group, command.Period, scope, owner, quota, ctx, ct);
            var all = input.OpenDeals.Concat(input.ClosedDeals).Where(picks).ToArray();
            return replies.DealsBehind(title, all, ctx, command.Page, $"{basis} deals {group}", back, usual);
        }
        else
        {
            // Counted from the deals this time; the sums are (re)counted meanwhile for the next answer, started (above,
            // when they could not answer) before the deals are read, so a team too big to answer from them in time gets
            // its sums all the same.
            var input = await DealsAsync(command.Period, scope, owner, quota, ctx, ct);
            report = PipelineMath.Compute(input);
        }

        var answer = replies.Report(report, ctx, scopeWords, command.Share, quota?.Split == true);
        if (command.Segment is null && await accuracy.FieldAsync(command.Period, owner?.Id, ctx, ct) is { } accuracyField)
        {
            // An ended quarter: what was forecast for it 4 weeks before its end, against what was won, one click from the detail.
            answer = answer with
            {
                Fields = [.. answer.Fields, accuracyField],
                Text = answer.Text + "\n" + accuracyField.Label + ": " + accuracyField.Value,
                Buttons = [.. answer.Buttons.Take(5), new ReplyButton(dealReplies.Text["ButtonForecastAccuracy"], $"pipeline accuracy {command.Period.Key.ToLowerInvariant()}")],
            };
        }
        if (!command.Chart)
        {
            return answer;
        }

        var chart = replies.Chart(report);
        return answer with { Chart = chart with { ImageUrl = await charts.UrlAsync(chart, ct) } };
    }

    /// <summary>
    /// A page of a drill-down read alone: its count from the sums, its deals from the ranks (the period's months, largest
    /// first, read only as far as the page). Null when the sums or the ranks cannot answer yet.
    /// </summary>
    private async Task<(IReadOnlyList<Deal> Shown, long Total, int Page)?> RankedPageAsync(
        string group, Period period, PipelineScope scope, UserRef? owner, Func<Deal, bool> picks, int page, CommandContext ctx, CancellationToken ct)
    {
        var tenant = ctx.Tenant;
        var closed = group is "won" or "lost";
        var slipped = group == "slipped";
        var summed = upkeep.Tend(tenant, closed
            ? await sums.ReadAsync(tenant, owner?.Id ?? PipelineCube.Team, period.Start, period.End, ct)
            : await sums.ReadOpenAsync(tenant, owner?.Id ?? PipelineCube.Team, ct));
        if (summed is null)
        {
            return null;
        }

        var total = PipelineCube.DrillDownCount(summed.Rows, owner?.Id ?? PipelineCube.Team, group, period, scope.Segment, tenant, ctx.Today);
        page = Math.Clamp(page, 1, Paging.Pages(total));
        var months = new List<string>();

        // Closed deals are ranked by the UTC month they closed in, slipped ones by that of their last slip.
        var (first, last) = closed || slipped
            ? (DateOnly.FromDateTime(NudgeSchedule.At(period.Start, TimeOnly.MinValue, tenant.TimeZone).UtcDateTime),
                DateOnly.FromDateTime(NudgeSchedule.At(period.End.AddDays(1), TimeOnly.MinValue, tenant.TimeZone).UtcDateTime.AddTicks(-1)))
            : (period.Start, period.End);
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1))
        {
            months.Add(m.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture));
        }

        var order = new RankOrder(owner?.Id, closed, slipped);
        if (total == 0 || await store.ListRankedAsync(tenant.Tenant, order, months, (page - 1) * Paging.PageSize, Paging.PageSize, picks, ct) is not { } shown)
        {
            if (total > 0)
            {
                teamUpkeep.BuildLists(store, tenant.Tenant);
                return null;
            }

            return ([], 0, 1);
        }

        return (shown, total, page);
    }

    /// <summary>A drill-down's title and which deals it shows.</summary>
    private (string Title, Func<Deal, bool> Picks) Group(string group, Period period, PipelineScope scope, CommandContext ctx)
    {
        var t = dealReplies.Text;
        var tenant = ctx.Tenant;
        var process = tenant.Process;
        var today = ctx.Today;
        bool Open(Deal d) => d.IsOpen && scope.Includes(d);
        bool InPeriod(Deal d) => Open(d) && PipelineMath.ClosesIn(d, period);
        bool ClosedIn(Deal d, DealStatus status) => d.Status == status && scope.Includes(d) && d.ClosedAt is { } at && period.Contains(tenant.Today(at));
        return group switch
        {
            "commit" => (t["Category_Commit"], d => InPeriod(d) && process.Category(d) == ForecastCategory.Commit),
            "bestcase" => (t["Category_BestCase"], d => InPeriod(d) && process.Category(d) == ForecastCategory.BestCase),
            "pipeline" => (t["Category_Pipeline"], d => InPeriod(d) && process.Category(d) == ForecastCategory.Pipeline),
            "won" => (t["PipelineWon"], d => ClosedIn(d, DealStatus.Won)),
            "lost" => (t["PipelineLost"], d => ClosedIn(d, DealStatus.Lost)),
            "stalled" => (t["PipelineStalled"], d => InPeriod(d) && StallPolicy.IsStalled(d, tenant, today)),
            "slipped" => (t["PipelineSlipped"], d => Open(d) && PipelineMath.SlippedIn(d, period, tenant)),
            _ => process.Find(group) is [var stage]
                ? (stage.Name, d => InPeriod(d) && d.Stage == stage.Key)
                : (group, _ => false),
        };
    }

    /// <summary>
    /// The deals a drill-down picks from, shown largest first: for won and lost the deals closed in the period; for slipped
    /// every open deal of the scope (a deal slips in the period wherever its close date went); for the rest the open
    /// deals closing in the period, from the scope's ordered list (every open deal while the team's lists are built).
    /// </summary>
    private async Task<PipelineInput> DrillDownAsync(string group, Period period, PipelineScope scope, UserRef? owner, Quota? quota, CommandContext ctx, CancellationToken ct)
    {
        var tenant = ctx.Tenant.Tenant;
        if (group is "won" or "lost")
        {
            var tz = ctx.Tenant.TimeZone;
            var closed = await store.ListClosedAsync(tenant, NudgeSchedule.At(period.Start, TimeOnly.MinValue, tz), NudgeSchedule.At(period.End.AddDays(1), TimeOnly.MinValue, tz), ct);
            return new PipelineInput(period, scope, ctx.Today, ctx.Tenant, [], closed, quota);
        }

        if (group != "slipped")
        {
            if (await store.ListClosingAsync(tenant, new ListOrder(OwnerId: owner?.Id), period.Start, period.End, ct) is { } closing)
            {
                return new PipelineInput(period, scope, ctx.Today, ctx.Tenant, closing, [], quota);
            }

            teamUpkeep.BuildLists(store, tenant);
        }

        return await DealsAsync(period, scope, owner, quota, ctx, ct);
    }

    /// <summary>The open deals of the scope and the deals closed in the months the report needs.</summary>
    private async Task<PipelineInput> DealsAsync(Period period, PipelineScope scope, UserRef? owner, Quota? quota, CommandContext ctx, CancellationToken ct)
    {
        var tz = ctx.Tenant.TimeZone;
        var from = new[] { period.Start, ctx.Today.AddYears(-1) }.Min();
        var to = new[] { period.End, ctx.Today }.Max();
        // The two views are independent reads: issue them together.
        var openRead = store.ListAsync(ctx.Tenant.Tenant, new DealQuery(OpenOnly: true, OwnerId: owner?.Id, Max: 100_000), ct);
        var closedRead = store.ListClosedAsync(ctx.Tenant.Tenant, NudgeSchedule.At(from, TimeOnly.MinValue, tz), NudgeSchedule.At(to.AddDays(1), TimeOnly.MinValue, tz), ct);
        await Task.WhenAll(openRead, closedRead);
        return new PipelineInput(period, scope, ctx.Today, ctx.Tenant, await openRead, await closedRead, quota);
    }
}
