using SalesBot.Commands;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Deals.Verbs;

internal sealed class ShowHandler(IDealStore store, DealResolver resolver, DealReplies replies, LearnedStallLimits learned) : CommandHandler<ShowDeal>
{
    private const int HistoryShown = 5;

    protected override async Task<Reply> HandleAsync(ShowDeal command, CommandContext ctx, CancellationToken ct)
    {
        var resolution = await resolver.ResolveAsync(ctx, command.Deal, mayUseCache: false, ct);
        if (resolution is not Resolution.Found found)
        {
            return replies.Unresolved(resolution, command.Deal);
        }

        var deal = found.Snapshot.Deal;
        if (!ctx.CanSee(deal))
        {
            return replies.NotYours(deal);
        }

        var history = await store.HistoryAsync(ctx.Tenant.Tenant, deal.Id, HistoryShown * 2, ct);
        var usual = StallPolicy.IsStalled(deal, ctx.Tenant, ctx.Today) ? (await learned.ForDealAsync(ctx.Tenant, deal, ct))?.Learned : null;
        return replies.Card(ctx, deal, history.Where(e => e.Kind != DealEventKind.NudgeClaimed).Take(HistoryShown).ToArray(), usual);
    }
}

internal sealed class ListHandler(IDealStore store, PeopleResolver people, DealReplies replies, IEnumerable<IOpenDealCounts> counts, TeamUpkeep upkeep)
    : CommandHandler<ListDeals>
{
    private const int ReadAtMost = 1000;

    protected override async Task<Reply> HandleAsync(ListDeals command, CommandContext ctx, CancellationToken ct)
    {
        var t = replies.Text;
        var process = ctx.Tenant.Process;
        var seeAll = ctx.IsManager || ctx.Tenant.TeamVisibility;
        string? owner = seeAll ? null : ctx.User.Id;
        string? stage = null;
        string title;
        switch (command.Scope)
        {
            case ListScope.Mine:
                owner = ctx.User.Id;
                title = t["ListMine"];
                break;
            case ListScope.All:
                if (!seeAll)
                {
                    return new Reply(t["OnlyManagersTeam"]) { IsError = true, Buttons = [new(t["ButtonMyDeals"], "deal list")] };
                }

                title = t["ListAll"];
                break;
            case ListScope.User:
                var person = await people.ResolveAsync(ctx, command.Argument!, ct);
                if (person.User is null)
                {
                    return person.Error!;
                }

                if (person.User.Id != ctx.User.Id && !seeAll)
                {
                    return new Reply(t["OnlyManagersTeam"]) { IsError = true, Buttons = [new(t["ButtonMyDeals"], "deal list")] };
                }

                owner = person.User.Id;
                title = t["ListUser", person.User.Name];
                break;
            case ListScope.Stage:
                if (!StageLookup.TryFind(process, command.Argument!, replies, out var found, out var error))
                {
                    return error!;
                }

                stage = found!.Key;
                title = t["ListStage", found.Name];
                break;
            case ListScope.Slipped:
                title = t["ListSlipped"];
                break;
            default:
                if (command.Argument == "team" && !seeAll)
                {
                    return new Reply(t["OnlyManagersTeam"]) { IsError = true, Buttons = [new(t["ButtonMyDeals"], "stalled mine")] };
                }

                owner = command.Argument == "mine" ? ctx.User.Id : owner;
                title = t["ListStalled"];
                break;
        }

        if (await InOrderAsync(command, ctx, owner, stage, title, ct) is { } page)
        {
            return page;
        }

        var deals = await store.ListAsync(ctx.Tenant.Tenant, new DealQuery(OpenOnly: true, OwnerId: owner, Stage: stage, Max: ReadAtMost), ct);
        if (command.Scope == ListScope.Stalled)
        {
            deals = deals.Where(d => StallPolicy.IsStalled(d, ctx.Tenant, ctx.Today)).ToArray();
        }
        else if (command.Scope == ListScope.Slipped)
        {
            deals = deals.Where(d => d.CloseDateSlips >= OpenCount.SlippedTwice).ToArray();
        }

        if (deals.Count == 0)
        {
            return new Reply(t["ListEmpty", title]) { Header = title, Buttons = [new(t["ButtonNewDeal"], "deal help new")] };
        }

        var ordered = deals
            .OrderBy(d => d.CloseDate ?? DateOnly.MaxValue)
            .ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var header = t["ListHeader", title, ordered.Length];
        return Paging.Page(new Reply(header) { Header = header }, ordered.Select(d => Line(d, ctx)).ToArray(), command.Page, Again(command), t);
    }

    /// <summary>
    /// One page read alone: the counts by close day say on which day the page starts and how many deals there are, and
    /// the ordered list is read from that day on (for stalled and slipped deals, on until the page is full). Null while
    /// the counts or the team's lists are not there yet (they are made meanwhile): the list is then read whole, up to
    /// <see cref="ReadAtMost"/> deals.
    /// </summary>
    private async Task<Reply?> InOrderAsync(ListDeals command, CommandContext ctx, string? owner, string? stage, string title, CancellationToken ct)
    {
        var (stalled, slipped) = (command.Scope == ListScope.Stalled, command.Scope == ListScope.Slipped);
        IReadOnlyList<CloseDayCount>? counted = null;
        foreach (var source in counts)
        {
            counted ??= await source.ByCloseDayAsync(ctx.Tenant, owner, new OpenCount(stalled ? ctx.Today : null, slipped), ct);
        }

        if (counted is null)
        {
            return null;
        }

        var days = counted.Where(c => stage is null || c.Stage == stage)
            .GroupBy(c => c.Close ?? DateOnly.MaxValue)
            .Select(g => (Day: g.Key, Count: g.Sum(c => c.Count)))
            .Where(d => d.Count > 0)
            .OrderBy(d => d.Day)
            .ToArray();
        var total = days.Sum(d => d.Count);
        var t = replies.Text;
        if (total == 0)
        {
            return new Reply(t["ListEmpty", title]) { Header = title, Buttons = [new(t["ButtonNewDeal"], "deal help new")] };
        }

        var page = Math.Clamp(command.Page, 1, Paging.Pages(total));
        var skip = (page - 1) * (long)Paging.PageSize;
        var start = days.First().Day;
        foreach (var (day, count) in days)
        {
            start = day;
            if (skip < count)
            {
                break;
            }

            skip -= count;
        }

        var order = owner is not null ? new ListOrder(OwnerId: owner) : new ListOrder(Stage: stage);
        var tenant = ctx.Tenant.Tenant;
        Func<Deal, bool>? where = stalled ? d => StallPolicy.IsStalled(d, ctx.Tenant, ctx.Today)
            : slipped ? d => d.CloseDateSlips >= OpenCount.SlippedTwice
            : owner is not null && stage is not null ? d => d.Stage == stage
            : null;
        var read = await store.ListInOrderAsync(tenant, order, start, (int)skip, Paging.PageSize, where, ct);
        if (read is null)
        {
            upkeep.BuildLists(store, tenant);
            return null;
        }

        if (read.Count == 0)
        {
            return null;
        }

        var header = t["ListHeader", title, total];
        return Paging.Page(new Reply(header) { Header = header }, [.. read.Select(d => Line(d, ctx))], page, total, Again(command), t);
    }

    /// <summary>The typed form of a list, for its "Show more" button.</summary>
    private static string Again(ListDeals command) => command.Scope switch
    {
        ListScope.Mine => "deal list mine",
        ListScope.All => "deal list all",
        ListScope.Stalled => command.Argument is { } who ? $"stalled {who}" : "deal list stalled",
        ListScope.Slipped => "deal list slipped",
        _ => $"deal list {command.Argument}",
    };

    private string Line(Deal d, CommandContext ctx)
    {
        var parts = new List<string> { $"{d.Name} ({d.Id})", ctx.Tenant.Process.Get(d.Stage).Name, replies.Money(d.Amount) };
        if (d.CloseDate is { } close)
        {
            parts.Add(replies.Text["CloseOn", DealReplies.Date(close)]);
        }

        if (d.Owner.Id != ctx.User.Id)
        {
            parts.Add(d.Owner.Name);
        }

        if (StallPolicy.IsStalled(d, ctx.Tenant, ctx.Today))
        {
            parts.Add(replies.Text["StalledBy", StallPolicy.DaysOverLimit(d, ctx.Tenant, ctx.Today)]);
        }

        return string.Join(" · ", parts);
    }
}

internal sealed class HelpHandler(DealReplies replies) : CommandHandler<Help>
{
    protected override Task<Reply> HandleAsync(Help command, CommandContext ctx, CancellationToken ct)
    {
        var t = replies.Text;
        if (command.Topic is { } verb && DealVerbs.Names.Contains(verb) && verb != "help")
        {
            var usage = t["Usage_" + verb];
            var text = $"{t["Help_" + verb]}\n{t["UsageLabel"]}: {usage}\n{t["ExampleLabel"]}: {t["Example_" + verb]}";
            return Task.FromResult(new Reply(text)
            {
                Header = t["HelpVerbHeader", verb],
                Lead = t["Help_" + verb],
                Fields = [new(t["UsageLabel"], usage), new(t["ExampleLabel"], t["Example_" + verb])],
            });
        }

        var lines = DealVerbs.Names.Where(v => v != "help")
            .Select(v => $"{t["Usage_" + v]} — {t["Help_" + v]}")
            .Append(t["HelpMoreLine"])
            .ToArray();
        var intro = command.Topic is { } unknown ? t["HelpUnknownTopic", unknown] + "\n" : string.Empty;
        return Task.FromResult(new Reply(intro + t["HelpHeader"] + "\n" + string.Join("\n", lines.Select(l => "• " + l)))
        {
            Header = t["HelpHeader"],
            Items = lines,
            Footer = t["HelpFooter"],
            Buttons = [new(t["ButtonMyDeals"], "deal list"), new(t["ButtonHelpNew"], "deal help new")],
        });
    }
}
