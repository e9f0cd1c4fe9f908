using SalesBot.Commands;
using SalesBot.Messaging;
using SalesBot.Pipeline;
using SalesBot.Tenants;

namespace SalesBot.Feed;

/// <summary>
/// <c>config feed</c>: managers choose what the deals feed posts in a channel. The channel is checked first: on Slack
/// the bot must be in it (it joins public channels itself when allowed, else asks to be invited); on Teams it must be
/// a channel of a team SalesBot is installed in.
/// </summary>
internal sealed class FeedConfigHandler(
    ITeamSettingsStore store, TenantSettingsProvider tenants, IEnumerable<IChannelPoster> posters, DealText text, Phrases t) : CommandHandler<ConfigureFeed>
{
    protected override async Task<Reply> HandleAsync(ConfigureFeed command, CommandContext ctx, CancellationToken ct)
    {
        var feeds = FeedSubscription.Of(ctx.Tenant);
        if (command.JustShow)
        {
            var lines = feeds.Select(f => t["FeedLine", f.Name, Describe(f, ctx.Tenant)]).ToArray();
            return lines.Length == 0
                ? new Reply(t["FeedNone"])
                : new Reply(t["FeedListHeader"] + "\n" + string.Join("\n", lines.Select(l => "• " + l))) { Header = t["FeedListHeader"], Items = lines };
        }

        if (!ctx.IsManager)
        {
            return new Reply(t["OnlyManagersConfig"]) { IsError = true };
        }

        var poster = posters.FirstOrDefault(p => p.Serves(ctx.Tenant.Tenant));
        var (typed, name) = Channel(command.Channel, ctx);
        var channel = poster?.ChannelOf(typed) ?? typed;
        if (command.Off)
        {
            if (feeds.FirstOrDefault(f => f.Channel == channel) is not { } existing)
            {
                return new Reply(t["FeedNotThere", name]) { IsError = true };
            }

            await store.RemoveAsync(ctx.Tenant.Tenant, FeedSubscription.Kind, channel, new SettingsChange(ctx.Now, ctx.User, t["FeedStopped", existing.Name]), ct);
            tenants.Invalidate(ctx.Tenant.Tenant);
            return new Reply(t["FeedStopped", existing.Name]);
        }

        var stages = new List<string>();
        foreach (var stageText in command.Stages ?? [])
        {
            var found = ctx.Tenant.Process.Find(stageText);
            if (found.Count != 1)
            {
                return new Reply(t["UnknownStage", stageText, string.Join(", ", ctx.Tenant.Process.Stages.Select(s => s.Name))]) { IsError = true };
            }

            stages.Add(found[0].Key);
        }

        decimal? threshold = null;
        if (command.NewAtLeast is { } money)
        {
            if (PipelineMath.ToBase(money, ctx.Tenant) is not { } inBase)
            {
                return new Reply(t["NoRate", money.Currency, ctx.Tenant.Currency]) { IsError = true };
            }

            threshold = inBase;
        }

        var feed = new FeedSubscription(channel, name, command.Won, command.Lost, command.New, threshold, stages, command.ManagersOnly);
        if (!feed.MayPostIn(ctx.Tenant))
        {
            return new Reply(t["FeedNeedsManagers", name]) { IsError = true };
        }

        var reach = poster is null ? ChannelReach.NotAChannel : await poster.CheckAsync(ctx.Tenant.Tenant, channel, ct);
        switch (reach)
        {
            case ChannelReach.NotAChannel:
                return new Reply(t["FeedNotAChannel"]) { IsError = true };
            case ChannelReach.InviteNeeded:
                return new Reply(t["FeedInviteMe", name]) { IsError = true };
        }

        var description = Describe(feed, ctx.Tenant);
        await store.SetAsync(ctx.Tenant.Tenant, feed.ToSetting(), new SettingsChange(ctx.Now, ctx.User, t["FeedLine", name, description]), ct);
        tenants.Invalidate(ctx.Tenant.Tenant);
        var visibility = ctx.Tenant.TeamVisibility ? t["FeedEveryoneSees"] : t["FeedManagersSee"];
        return new Reply(t["FeedSet", name, description] + " " + visibility);
    }

    /// <summary>"#C123" (a verified channel mention, or any "#name" in the local chat) or this conversation.</summary>
    private (string Id, string Name) Channel(string? typed, CommandContext ctx)
    {
        if (typed is null)
        {
            return (ctx.Message.Conversation, ctx.Message.ConversationName is { Length: > 0 } here ? "#" + here : t["FeedThisChannel"]);
        }

        var id = typed.TrimStart('#');
        return (id, "#" + (ctx.Message.Channels.FirstOrDefault(c => c.Id == id)?.Name ?? id));
    }

    private string Describe(FeedSubscription feed, TenantSettings tenant)
    {
        var parts = new List<string>();
        if (feed.Won)
        {
            parts.Add(t["FeedWhatWon"]);
        }

        if (feed.Lost)
        {
            parts.Add(t["FeedWhatLost"]);
        }

        if (feed.New)
        {
            parts.Add(feed.NewAtLeast is { } min ? t["FeedWhatNewFrom", text.Money(new Deals.Money(min, tenant.Currency))] : t["FeedWhatNew"]);
        }

        foreach (var key in feed.Stages)
        {
            parts.Add(t["FeedWhatStage", tenant.Process.Stages.FirstOrDefault(s => s.Key == key)?.Name ?? key]);
        }

        return string.Join(", ", parts) + (feed.ManagersOnly ? " " + t["FeedWhatManagers"] : string.Empty);
    }
}

internal static class FeedExtensions
{
    /// <summary>The deals feed: <c>config feed</c>, the outbox, its listener on deal changes, and the worker that retries.</summary>
    public static IServiceCollection AddDealsFeed(this IServiceCollection services)
    {
        services.AddSingleton(new Storage.FeatureTable(FeedOutbox.Table));
        services.AddSingleton<FeedOutbox>();
        services.AddSingleton<FeedDelivery>();
        services.AddSingleton<Deals.IDealChangeListener, FeedListener>();
        services.AddHostedService<FeedWorker>();
        return services.AddCommandHandlersOf<FeedConfigHandler>();
    }
}
