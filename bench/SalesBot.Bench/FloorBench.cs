using System.Diagnostics;
using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Storage;

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

/// <summary>
/// The bare storage floor of a <c>deal show</c>: the reads SalesBot makes for it, issued directly — the exact-name row
/// then the deal (by whole name), or the word-index range then the deal (by unique word), then the deal's latest history.
/// </summary>
internal static class LookupFloorBench
{
    public static async Task<List<double>> RunAsync(string connectionString, string tenant, IReadOnlyList<string> openNames, bool byWord, int count, int seed)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(TableStorage.DealsTable);
        var pk = Keys.Partition(tenant);
        var random = new Random(seed);
        var samples = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var name = openNames[random.Next(openNames.Count)];
            var watch = Stopwatch.StartNew();
            string dealId;
            if (byWord)
            {
                var low = Keys.WordPrefix(TextKey.Normalize(name.Split(' ')[^1]));
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {Keys.UpperBound(low)}");
                dealId = (await table.QueryAsync<TableEntity>(filter, maxPerPage: 200, select: ["DealId", "Name"]).ToListAsync()).Single().GetString("DealId");
            }
            else
            {
                dealId = (await table.GetEntityAsync<TableEntity>(pk, Keys.Name(TextKey.Normalize(name)))).Value.GetString("DealId");
            }

            await table.GetEntityAsync<TableEntity>(pk, Keys.Deal(dealId));
            var history = Keys.HistoryPrefix(dealId);
            var range = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {history} and RowKey lt {Keys.UpperBound(history)}");
            await foreach (var page in table.QueryAsync<TableEntity>(range, maxPerPage: 10).AsPages())
            {
                _ = page.Values.Count;
                break;
            }

            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        return samples;
    }
}

/// <summary>
/// The bare storage floor of <c>pipeline this quarter</c>: the two range reads SalesBot makes for it, issued directly and
/// drained — the team's open-deal view, and its closed-by-month view from a year ago to the end of the calendar quarter.
/// </summary>
internal static class PipelineFloorBench
{
    public static async Task<List<double>> RunAsync(string connectionString, string tenant, int runs)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(TableStorage.DealsTable);
        var pk = Keys.Partition(tenant);
        var today = DateTimeOffset.UtcNow;
        var quarterEnd = new DateTimeOffset(today.Year, (today.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(3);
        var open = Keys.OpenPrefix;
        var closedLow = Keys.ClosedPrefix + DealEntities.ClosedMonth(today.AddYears(-1).AddMonths(-1));
        var closedHigh = Keys.ClosedPrefix + DealEntities.ClosedMonth(quarterEnd.AddMonths(1)) + "}";
        string[] filters =
        [
            TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {open} and RowKey lt {Keys.UpperBound(open)}"),
            TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {closedLow} and RowKey lt {closedHigh}"),
        ];
        var samples = new List<double>();
        for (var i = 0; i < runs + 2; i++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var filter in filters)
            {
                await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000))
                {
                    _ = row.RowKey;
                }
            }

            if (i >= 2)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return samples;
    }
}
