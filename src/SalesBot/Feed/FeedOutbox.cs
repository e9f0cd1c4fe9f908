using Azure;
using Azure.Data.Tables;
using SalesBot.Storage;

namespace SalesBot.Feed;

/// <summary>One feed post to make: a deal event for one channel.</summary>
internal sealed record FeedItem(string Tenant, string Row, string DealId, int Version, string Channel, FeedEventKind Kind, int Tries, ETag ETag);

/// <summary>
/// Feed posts not yet made: partition = tenant, row = deal|version|channel, so one deal event is one row however many
/// instances saw it (the first insert wins, the others meet a conflict). A post is claimed with a conditional write
/// (<c>Due</c> moved past the claim window) before it is made, and the row deleted after: two instances cannot both post
/// it. A claim that is never finished (a crash, a channel that is down) is due again after the window.
/// </summary>
internal sealed class FeedOutbox(TableStorage storage)
{
    public const string Table = "FeedOutbox";

    private TableClient Rows => storage.Table(Table);

    /// <summary>Queues the post; false when the same event for the same channel is queued (or was) already.</summary>
    public Task<bool> AddAsync(string tenant, string dealId, int version, string channel, FeedEventKind kind, DateTimeOffset now, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = new TableEntity(Keys.Partition(tenant), $"{dealId}|{version:D7}|{Keys.Partition(channel)}")
            {
                ["Tenant"] = tenant,
                ["DealId"] = dealId,
                ["Version"] = version,
                ["Channel"] = channel,
                ["Kind"] = kind.ToString(),
                ["Due"] = now,
                ["Tries"] = 0,
            };
            try
            {
                await Rows.AddEntityAsync(row, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return false;
            }
        }, ct);

    /// <summary>Posts due now: of one team, or of every team when <paramref name="tenant"/> is null.</summary>
    public Task<IReadOnlyList<FeedItem>> DueAsync(string? tenant, DateTimeOffset now, CancellationToken ct)
    {
        var filter = tenant is null
            ? TableClient.CreateQueryFilter($"Due le {now}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Partition(tenant)} and Due le {now}");
        return storage.RunAsync<IReadOnlyList<FeedItem>>(async () =>
        {
            var due = new List<FeedItem>();
            await foreach (var e in Rows.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            {
                if (Enum.TryParse<FeedEventKind>(e.GetString("Kind"), out var kind))
                {
                    due.Add(new FeedItem(e.GetString("Tenant"), e.RowKey, e.GetString("DealId"), e.GetInt32("Version") ?? 0, e.GetString("Channel"), kind,
                        e.GetInt32("Tries") ?? 0, e.ETag));
                }
            }

            return due;
        }, ct);
    }

    /// <summary>Claims the post until <paramref name="until"/>; null when another instance claimed or finished it first.</summary>
    public Task<FeedItem?> TryClaimAsync(FeedItem item, DateTimeOffset until, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var patch = new TableEntity(Keys.Partition(item.Tenant), item.Row) { ["Due"] = until, ["Tries"] = item.Tries + 1 };
            try
            {
                var response = await Rows.UpdateEntityAsync(patch, item.ETag, TableUpdateMode.Merge, ct);
                return item with { Tries = item.Tries + 1, ETag = response.Headers.ETag ?? item.ETag };
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                return (FeedItem?)null;
            }
        }, ct);

    public Task DoneAsync(FeedItem item, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                await Rows.DeleteEntityAsync(Keys.Partition(item.Tenant), item.Row, ETag.All, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }

            return true;
        }, ct);
}
