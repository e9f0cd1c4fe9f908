using Azure;
using Azure.Data.Tables;

namespace SalesBot.Storage;

/// <summary>
/// Inbound deliveries seen, so a platform's redelivery (Slack event retries, Teams activity resends) is handled once,
/// across restarts and instances. A row per delivery; adding it twice fails, which is the answer.
/// </summary>
public sealed class Inbox(TableStorage storage, TimeProvider clock)
{
    /// <summary>True the first time this delivery is seen; false for a redelivery.</summary>
    public Task<bool> TryClaimAsync(string tenant, string channel, string deliveryId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                var row = new TableEntity(Keys.Partition(tenant), $"{channel}|{Keys.Partition(deliveryId)}") { ["At"] = clock.GetUtcNow() };
                await storage.Table(TableStorage.InboxTable).AddEntityAsync(row, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return false;
            }
        }, ct);
}
