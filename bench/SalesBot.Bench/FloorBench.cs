using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

/// <summary>
/// The bare storage floor of a `deal advance`: the same table operations issued directly with Azure.Data.Tables —
/// read the deal, then one conditional transaction (deal row, history row, operation row, open-deal view) — per call,
/// at the same concurrency, with no HTTP, no parsing and no rules.
/// </summary>
internal static class FloorBench
{
    public static async Task<List<double>> RunAsync(string connectionString, int calls, int concurrency)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("floor" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateIfNotExistsAsync();
        var samples = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            var pk = $"team-{w}";
            await table.AddEntityAsync(new TableEntity(pk, "deal|D-0001") { ["Stage"] = "prospecting", ["Version"] = 1 });
            for (var i = 0; i < calls / concurrency; i++)
            {
                var watch = Stopwatch.StartNew();
                var deal = (await table.GetEntityAsync<TableEntity>(pk, "deal|D-0001")).Value;
                var version = deal.GetInt32("Version")!.Value + 1;
                deal["Stage"] = version % 2 == 0 ? "contact" : "prospecting";
                deal["Version"] = version;
                await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, deal, deal.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(pk, $"h|D-0001|{version:D7}") { ["Kind"] = "StageMoved" }),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(pk, $"op|{Guid.NewGuid():N}") { ["Version"] = version }),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(pk, "open|D-0001") { ["Stage"] = deal["Stage"] }),
                ]);
                lock (samples)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }));
        await table.DeleteAsync();
        return samples;
    }
}
