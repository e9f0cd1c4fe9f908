using Azure;
using Azure.Data.Tables;
using SalesBot.Storage;

namespace SalesBot.Messaging;

/// <summary>
/// Inbound deliveries seen, so a platform's redelivery (Slack event retries, Teams activity resends) is handled once,
/// across restarts and instances. A row per delivery; adding it twice fails, which is the answer. Rows are kept for
/// <see cref="Retention"/>, far longer than any platform redelivers, then pruned.
/// </summary>
internal sealed class Inbox(TableStorage storage, TimeProvider clock)
{
    /// <summary>How long a delivery is remembered. Slack retries an event for about five minutes; Teams within minutes.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    /// <summary>
    /// A delivery still pending this long after it was claimed was interrupted and is replayed; well beyond the longest
    /// handling (storage deadlines, and at most a minute of retries towards Slack or the Connector).
    /// </summary>
    public static readonly TimeSpan ReplayAfter = TimeSpan.FromMinutes(5);

    /// <summary>Replays of one delivery before it is given up (and logged).</summary>
    public const int MaxReplays = 3;

    /// <summary>Longest delivery kept for replay; Table Storage holds at most 32K characters in a string property.</summary>
    public const int MaxPayloadLength = 30_000;

    private const int PageSize = 1000;
    private const int MaxPagesPerPrune = 100;

    private TableClient Rows => storage.Table(TableStorage.InboxTable);

    /// <summary>
    /// True the first time this delivery is seen; false for a redelivery. With a <paramref name="payload"/> (the
    /// delivery as received, up to <see cref="MaxPayloadLength"/> characters) the delivery stays pending until
    /// <see cref="DoneAsync"/>; one still pending after <see cref="ReplayAfter"/> (the process stopped while handling
    /// it) is handed to its channel again by <see cref="InboxReplay"/>.
    /// </summary>
    public Task<bool> TryClaimAsync(string tenant, string channel, string deliveryId, CancellationToken ct, string? payload = null) =>
        storage.RunAsync(async () =>
        {
            try
            {
                var row = new TableEntity(Keys.Partition(tenant), RowKey(channel, deliveryId)) { ["At"] = clock.GetUtcNow() };
                if (payload is { Length: <= MaxPayloadLength })
                {
                    row["Tenant"] = tenant;
                    row["Channel"] = channel;
                    row["DeliveryId"] = deliveryId;
                    row["Payload"] = payload;
                    row["Pending"] = true;
                }

                await Rows.AddEntityAsync(row, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return false;
            }
        }, ct);

    /// <summary>
    /// The delivery was handled (its answer sent): it is no longer replayed, and what was recorded for a replay (its
    /// payload, with a Slack response_url in it) is removed; the row keeps only what recognises a redelivery.
    /// </summary>
    public Task DoneAsync(string tenant, string channel, string deliveryId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = new TableEntity(Keys.Partition(tenant), RowKey(channel, deliveryId)) { ["At"] = clock.GetUtcNow(), ["Pending"] = false };
            await Rows.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, ct);
            return true;
        }, ct);

    /// <summary>
    /// Deliveries still pending <see cref="ReplayAfter"/> after they were claimed (or last replayed), fewer than
    /// <see cref="MaxReplays"/> times replayed, each taken for replay by a conditional write so only one instance gets it.
    /// </summary>
    public async Task<IReadOnlyList<PendingDelivery>> TakeStalledAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"Pending eq {true} and At lt {now - ReplayAfter}");
        var stalled = await FirstPageAsync(filter, 100, null, ct);
        var taken = new List<PendingDelivery>();
        foreach (var row in stalled)
        {
            var replays = row.GetInt32("Replays") ?? 0;
            row["At"] = now;
            row["Replays"] = replays + 1;
            row["Pending"] = replays + 1 < MaxReplays;
            try
            {
                await storage.RunAsync(async () => await Rows.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct), ct);
                taken.Add(new PendingDelivery(row.GetString("Tenant"), row.GetString("Channel"), row.GetString("DeliveryId"), row.GetString("Payload"), replays + 1));
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Another instance took it, or it was pruned.
            }
        }

        return taken;
    }

    /// <summary>
    /// Deletes deliveries older than <see cref="Retention"/>, a page at a time, in per-team transactions of up to 100
    /// rows; bounded per call. Safe with several instances pruning at once. Returns the number of rows deleted.
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Retention;
        var filter = TableClient.CreateQueryFilter($"At lt {cutoff}");
        var deleted = 0;
        for (var page = 0; page < MaxPagesPerPrune; page++)
        {
            var old = await FirstPageAsync(filter, PageSize, ["PartitionKey", "RowKey"], ct);
            if (old.Count == 0)
            {
                break;
            }

            foreach (var chunk in old.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)))
            {
                deleted += await DeleteAsync(chunk, ct);
            }
        }

        return deleted;
    }

    /// <summary>The first page of rows matching the filter: one storage request.</summary>
    private Task<IReadOnlyList<TableEntity>> FirstPageAsync(string filter, int max, IEnumerable<string>? select, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            await foreach (var page in Rows.QueryAsync<TableEntity>(filter, maxPerPage: max, select: select, cancellationToken: ct).AsPages())
            {
                return page.Values;
            }

            return (IReadOnlyList<TableEntity>)[];
        }, ct);

    private static string RowKey(string channel, string deliveryId) => $"{channel}|{Keys.Partition(deliveryId)}";

    private Task<int> DeleteAsync(TableEntity[] rows, CancellationToken ct) => storage.RunAsync(async () =>
    {
        try
        {
            await Rows.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), ct);
            return rows.Length;
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // Another instance deleted some of them first: delete the rest one by one.
            var count = 0;
            foreach (var row in rows)
            {
                var response = await Rows.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
                count += response.Status == 204 ? 1 : 0;
            }

            return count;
        }
    }, ct);
}

/// <summary>A delivery claimed but not handled, as received, taken for its <paramref name="Replay"/>th replay.</summary>
internal sealed record PendingDelivery(string Tenant, string Channel, string DeliveryId, string Payload, int Replay);

/// <summary>A channel that can handle a delivery again from what it stored when it claimed it.</summary>
internal interface IDeliveryReplayer
{
    string Channel { get; }

    Task ReplayAsync(PendingDelivery delivery, CancellationToken ct);
}

/// <summary>
/// Once a minute, hands deliveries that were claimed but never finished (the process stopped while handling them) back
/// to their channel. A change they make is applied once (the delivery id is its operation id); the answer can repeat
/// only if the process stopped between sending it and recording that.
/// </summary>
internal sealed class InboxReplay(Inbox inbox, IEnumerable<IDeliveryReplayer> replayers, TimeProvider clock, ILogger<InboxReplay> logger) : BackgroundService
{
    /// <summary>One pass; returns how many deliveries were handled again.</summary>
    public async Task<int> ReplayAsync(CancellationToken ct)
    {
        var replayed = 0;
        foreach (var delivery in await inbox.TakeStalledAsync(ct))
        {
            if (replayers.FirstOrDefault(r => r.Channel == delivery.Channel) is not { } replayer)
            {
                continue;
            }

            try
            {
                await replayer.ReplayAsync(delivery, ct);
                replayed++;
                Diagnostics.Telemetry.InboxReplays.Add(1, new KeyValuePair<string, object?>("salesbot.channel", delivery.Channel));
                logger.LogInformation("Handled {Channel} delivery {Delivery} for {Tenant} again after an interruption.", delivery.Channel, delivery.DeliveryId, delivery.Tenant);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Replay {Replay} of {Channel} delivery {Delivery} for {Tenant} failed ({Reason}){GivenUp}.", delivery.Replay, delivery.Channel,
                    delivery.DeliveryId, delivery.Tenant, e.Message, delivery.Replay >= Inbox.MaxReplays ? "; giving up" : string.Empty);
            }
        }

        return replayed;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Ticker.RunEveryAsync(TimeSpan.FromMinutes(1), clock, logger, "Replay of interrupted deliveries", ReplayAsync, stoppingToken);
}

/// <summary>Prunes the inbox once an hour, on the app's clock.</summary>
internal sealed class InboxPruner(Inbox inbox, TimeProvider clock, ILogger<InboxPruner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Ticker.RunEveryAsync(TimeSpan.FromHours(1), clock, logger, "Inbox pruning", async ct =>
        {
            var deleted = await inbox.PruneAsync(ct);
            if (deleted > 0)
            {
                logger.LogInformation("Pruned {Count} inbound deliveries older than {Retention}.", deleted, Inbox.Retention);
            }
        }, stoppingToken);
}
