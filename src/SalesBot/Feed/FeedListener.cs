using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Pipeline;
using SalesBot.Tenants;

namespace SalesBot.Feed;

/// <summary>
/// After every stored deal change: queues a post for each feed the change matters to, then makes the team's due posts in
/// tracked background work. The deal write happens once (ETag), and the outbox row once per event and channel, so a
/// change seen by several instances is posted once.
/// </summary>
internal sealed class FeedListener(
    TenantSettingsProvider tenants, FeedOutbox outbox, FeedDelivery delivery, TimeProvider clock, ILogger<FeedListener> logger)
    : IDealChangeListener
{
    public async Task AfterChangeAsync(string tenant, Deal? before, DealChange change, CancellationToken ct)
    {
        try
        {
            var settings = await tenants.GetAsync(tenant, ct);
            var feeds = FeedSubscription.Of(settings);
            if (feeds.Count == 0)
            {
                return;
            }

            var queued = false;
            var amount = PipelineMath.ToBase(change.After.Amount, settings);
            foreach (var feed in feeds.Where(f => f.MayPostIn(settings)))
            {
                if (feed.EventOf(before, change, amount) is { } kind)
                {
                    queued |= await outbox.AddAsync(tenant, change.After.Id, change.After.Version, feed.Channel, kind, clock.GetUtcNow(), ct);
                }
            }

            if (queued)
            {
                delivery.Start(tenant);
            }
        }
        catch (Exception e) when (e is StorageUnavailableException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("Could not queue the feed post for {Deal} in {Tenant}: storage unavailable.", change.After.Id, tenant);
        }
    }
}

/// <summary>Makes feed posts left behind (a crash, a channel that was down) every minute on the app's clock.</summary>
internal sealed class FeedWorker(FeedDelivery delivery, TimeProvider clock, ILogger<FeedWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Ticker.RunEveryAsync(Interval, clock, logger, "Feed delivery", delivery.SweepAsync, stoppingToken);
}
