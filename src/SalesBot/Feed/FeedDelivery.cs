using System.Collections.Concurrent;
using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Feed;

/// <summary>
/// Makes the queued feed posts: each claimed, posted on the team's channel, then removed from the outbox. The post shows
/// the deal as it stands when posted, in the team's language, with a button that opens it for whoever clicks (within
/// their own rights).
/// </summary>
internal sealed class FeedDelivery(
    FeedOutbox outbox, IDealStore store, TenantSettingsProvider tenants, IEnumerable<IChannelPoster> posters, DealText text, Phrases t,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<FeedDelivery> logger)
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>How long a claimed post is left to its claimer before another instance may make it.</summary>
    public static readonly TimeSpan ClaimWindow = TimeSpan.FromMinutes(2);

    /// <summary>A post that failed this many times (a channel down for good) is dropped, and the drop logged.</summary>
    private const int MaxTries = 10;

    /// <summary>Makes the due posts of one team, or of every team; returns how many were posted.</summary>
    public async Task<int> DeliverAsync(string? tenant, CancellationToken ct)
    {
        var posted = 0;
        foreach (var item in await outbox.DueAsync(tenant, clock.GetUtcNow(), ct))
        {
            try
            {
                posted += await PostAsync(item, ct) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning("Feed post of {Deal} to a channel of {Tenant} failed ({Reason}); it is tried again in {Window}.", item.DealId, item.Tenant, e.Message, ClaimWindow);
            }
        }

        return posted;
    }

    /// <summary>Makes a team's due posts in the background (right after a change queued one); <see cref="WhenIdleAsync"/> waits for it.</summary>
    public void Start(string tenant)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await DeliverAsync(tenant, lifetime.ApplicationStopping);
            }
            catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogWarning("Feed posts of {Tenant} could not be made now ({Reason}); the next sweep makes them.", tenant, e.Message);
            }
        });
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when no post started by <see cref="Start"/> is in hand.</summary>
    public async Task WhenIdleAsync()
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys);
        }
    }

    public Task SweepAsync(CancellationToken ct) => DeliverAsync((string?)null, ct);

    private async Task<bool> PostAsync(FeedItem due, CancellationToken ct)
    {
        if (await outbox.TryClaimAsync(due, clock.GetUtcNow() + ClaimWindow, ct) is not { } item)
        {
            return false;
        }

        var tenant = await tenants.GetAsync(item.Tenant, ct);
        var feed = FeedSubscription.Of(tenant).FirstOrDefault(f => f.Channel == item.Channel);
        var deal = (await store.GetAsync(item.Tenant, item.DealId, mayUseCache: false, ct))?.Deal;
        var poster = posters.FirstOrDefault(p => p.Serves(item.Tenant));
        if (feed is null || !feed.MayPostIn(tenant) || deal is null || poster is null)
        {
            // The feed was stopped, the team's visibility changed, or the deal is gone: nothing to post any more.
            await outbox.DoneAsync(item, ct);
            return false;
        }

        Languages.Use(Languages.Pick(null, null, tenant.Locale));
        bool posted;
        try
        {
            posted = await poster.PostAsync(item.Tenant, item.Channel, Post(item.Kind, deal, tenant), ct);
        }
        catch (Exception e) when (item.Tries >= MaxTries && (e is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            logger.LogWarning("Feed post of {Deal} to a channel of {Tenant} dropped after {Tries} tries ({Reason}).", item.DealId, item.Tenant, item.Tries, e.Message);
            await outbox.DoneAsync(item, ct);
            return false;
        }

        if (!posted)
        {
            logger.LogWarning("Feed post of {Deal} could not be made in a channel of {Tenant}: the bot cannot post there (removed, or the channel archived).", item.DealId, item.Tenant);
        }

        await outbox.DoneAsync(item, ct);
        return posted;
    }

    /// <summary>The post: what happened, the deal's card, and a button that opens it.</summary>
    public Reply Post(FeedEventKind kind, Deal deal, TenantSettings tenant)
    {
        var amount = text.Money(deal.Amount);
        var stage = text.Stage(deal, tenant.Process);
        var lead = kind switch
        {
            FeedEventKind.Won => t["FeedWon", deal.Owner.Name, deal.Name, amount] + (deal.CloseNote is { Length: > 0 } note ? " " + t["FeedNote", note] : string.Empty),
            FeedEventKind.Lost => t["FeedLost", deal.Owner.Name, deal.Name, amount, deal.LostReason ?? t["NotSet"]],
            FeedEventKind.New => t["FeedNew", deal.Owner.Name, deal.Name, amount],
            _ => t["FeedStage", deal.Name, stage, (deal.StageChangedBy ?? deal.Owner).Name],
        };
        var header = t["FeedHeader_" + kind, deal.Name];
        var fields = new List<ReplyField>
        {
            new(t["FieldStage"], stage),
            new(t["FieldAmount"], amount),
            new(t["FieldOwner"], deal.Owner.Name),
            new(t["FieldSegment"], text.Segment(deal.Segment)),
        };
        if (deal.CloseDate is { } close)
        {
            fields.Add(new(t["FieldClose"], DealText.Date(close)));
        }

        return new Reply(header + "\n" + lead + "\n" + string.Join("\n", fields.Select(f => $"{f.Label}: {f.Value}")))
        {
            Header = header,
            Lead = lead,
            Fields = fields,
            Footer = deal.Id,
            Buttons = [new ReplyButton(t["ButtonOpenDeal"], $"deal show {deal.Id}")],
            Visibility = Visibility.Public,
        };
    }
}
