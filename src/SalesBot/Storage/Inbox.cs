using Azure;
using Azure.Data.Tables;

namespace SalesBot.Storage;

/// <summary>
/// Inbound deliveries seen, so a platform's redelivery (Slack event retries, Teams activity resends) is handled once,
/// across restarts and instances. A row per delivery; adding it twice fails, which is the answer. Rows are kept for
/// <see cref="Retention"/>, far longer than any platform redelivers, then pruned.
/// </summary>
public sealed class Inbox(TableStorage storage, TimeProvider clock)
{
    /// <summary>How long a delivery is remembered. Slack retries an event for about five minutes; Teams within minutes.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private const int PageSize = 1000;
    private const int MaxPagesPerPrune = 100;

    private TableClient Rows => storage.Table(TableStorage.InboxTable);

    /// <summary>True the first time this delivery is seen; false for a redelivery.</summary>
    public Task<bool> TryClaimAsync(string tenant, string channel, string deliveryId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                var row = new TableEntity(Keys.Partition(tenant), $"{channel}|{Keys.Partition(deliveryId)}") { ["At"] = clock.GetUtcNow() };
                await Rows.AddEntityAsync(row, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return false;
            }
        }, ct);

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
            var old = await storage.RunAsync(async () =>
            {
                await foreach (var p in Rows.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, select: ["PartitionKey", "RowKey"], cancellationToken: ct).AsPages())
                {
                    return p.Values;
                }

                return (IReadOnlyList<TableEntity>)[];
            }, ct);
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

/// <summary>Prunes the inbox once an hour, on the app's clock.</summary>
internal sealed class InboxPruner(Inbox inbox, TimeProvider clock, ILogger<InboxPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await inbox.PruneAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Pruned {Count} inbound deliveries older than {Retention}.", deleted, Inbox.Retention);
                }
            }
            catch (StorageUnavailableException)
            {
                logger.LogWarning("Inbox pruning skipped: storage unavailable.");
            }
        }
    }
}
