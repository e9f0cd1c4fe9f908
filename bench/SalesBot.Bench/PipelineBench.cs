using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Storage;

/// <summary>
/// <c>pipeline this quarter</c> for a team with many deals. Seeds the rows the pipeline reads (the open-deal and
/// closed-by-month views) straight into the Deals table in batches of 100, then times the command through the dev
/// endpoint of a running SalesBot (./run.sh) on the same storage.
/// </summary>
internal static class PipelineBench
{
    private static readonly string[] Stages = ["prospecting", "contact", "identify-need", "present-offer", "handle-objections"];

    public static async Task<List<double>> RunAsync(HttpClient http, string connectionString, int deals, int runs)
    {
        var tenant = "bench-pipeline-" + Guid.NewGuid().ToString("N")[..8];
        var table = new TableServiceClient(connectionString).GetTableClient(TableStorage.DealsTable);
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var batch = new List<TableTransactionAction>();
        var seed = Stopwatch.StartNew();
        for (var i = 0; i < deals; i++)
        {
            var open = i % 5 < 2;
            var created = now.AddDays(-random.Next(30, 730));
            var stage = random.Next(Stages.Length);
            var deal = new Deal
            {
                Id = $"D-B{i:D5}",
                Name = $"Bench deal {i}",
                Owner = new UserRef($"u-rep{i % 8}", $"Rep {i % 8}"),
                Amount = new Money(random.Next(5, 500) * 1000, "DKK"),
                Segment = (Segment)(i % 3),
                Stage = Stages[stage],
                StageEnteredAt = now.AddDays(-random.Next(1, 60)),
                CreatedAt = created,
                CloseDate = DateOnly.FromDateTime(now.AddDays(random.Next(-30, 400)).UtcDateTime),
                StageLog = Stages.Take(stage + 1).Select((s, k) => new StageEntry(s, created.AddDays(k * 10))).ToArray(),
                Status = open ? DealStatus.Open : i % 2 == 0 ? DealStatus.Won : DealStatus.Lost,
                ClosedAt = open ? null : created.AddDays(random.Next(20, 120)) is var c && c < now ? c : now.AddDays(-1),
                Version = 1,
            };
            var row = DealEntities.ToEntity(Keys.Partition(tenant), deal, "seed");
            var key = open ? Keys.Open(deal.Id) : Keys.Closed(DealEntities.ClosedMonth(deal.ClosedAt!.Value), deal.Id);
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, DealEntities.Copy(row, key)));
            if (batch.Count == 100)
            {
                await table.SubmitTransactionAsync(batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch);
        }

        Console.WriteLine($"seeded {deals} deals in {seed.Elapsed.TotalSeconds:F1} s");
        await SayAsync(http, tenant, "deal help");
        await SayAsync(http, tenant, "config managers add @bench");
        var samples = new List<double>();
        for (var i = 0; i < runs + 2; i++)
        {
            var watch = Stopwatch.StartNew();
            var text = await SayAsync(http, tenant, "pipeline this quarter");
            if (!text.StartsWith("Pipeline", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Unexpected reply: " + text);
            }

            if (i >= 2)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return samples;
    }

    private static async Task<string> SayAsync(HttpClient http, string tenant, string text)
    {
        using var response = await http.PostAsJsonAsync("/api/dev/messages", new { tenant, user = "bench", userName = "Bench", text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString()!;
    }
}
