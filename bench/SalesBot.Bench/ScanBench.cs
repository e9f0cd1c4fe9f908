using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Deals;
using SalesBot.Deals.Verbs;
using SalesBot.DevChat;
using SalesBot.Messaging;
using SalesBot.Pipeline;
using SalesBot.Reminders;
using SalesBot.Storage;
using SalesBot.Tenants;
using SalesBot.Tenants.Config;

/// <summary>
/// Storage requests of one stall scan, for a team with many open deals of which a fixed number are due. Runs the real
/// scanner in process against the storage emulator and counts every HTTP request its table clients make.
/// </summary>
internal static class ScanBench
{
    public static async Task<(int Requests, int Delivered)> RunAsync(string connectionString, int openDeals, int due)
    {
        var counter = new CountingPolicy();
        var prefix = "b" + Guid.NewGuid().ToString("N")[..12];
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Storage:OperationTimeout"] = "00:00:30",
            ["Reminders:BackgroundScan"] = "false",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(config)
            .AddSingleton<HttpPipelinePolicy>(counter);
        services.AddTenants(config).AddTableStorage().AddDeals().AddMessaging().AddDealVerbs().AddPipeline().AddTeamConfig().AddReminders().AddDevChat();

        // A Monday morning in the team's zone, so due nudges are inside working hours and go out.
        var now = new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero);
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        await using var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<TableStorage>();
        await storage.EnsureCreatedAsync(CancellationToken.None);

        const string tenant = "bench-scan";
        var pk = Keys.Partition(tenant);
        var deals = storage.Table(TableStorage.DealsTable);
        var index = storage.Table(DueIndex.Table);
        var dealBatch = new List<TableTransactionAction>();
        var dueRows = new Dictionary<string, List<TableTransactionAction>>();
        for (var i = 0; i < openDeals; i++)
        {
            var stalled = i < due;
            var deal = new Deal
            {
                Id = $"D-S{i:D5}",
                Name = $"Scan deal {i}",
                Owner = new UserRef("u-rep", "Rep"),
                Segment = Segment.Smb,
                Stage = "prospecting",
                StageEnteredAt = stalled ? now.AddDays(-40) : now,
                CreatedAt = now.AddDays(-40),
                StageLog = [new StageEntry("prospecting", now.AddDays(-40))],
                Version = 1,
            };
            var row = DealEntities.ToEntity(pk, deal, "seed");
            dealBatch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            dealBatch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, DealEntities.Copy(row, Keys.Open(deal.Id))));
            if (dealBatch.Count >= 100)
            {
                await deals.SubmitTransactionAsync(dealBatch);
                dealBatch.Clear();
            }

            // Due now for the stalled ones; spread over the next 100 hours for the rest.
            var at = stalled ? now.AddMinutes(-5) : now.AddHours(1 + i % 100);
            var bucket = at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
            var list = dueRows.TryGetValue(bucket, out var l) ? l : dueRows[bucket] = [];
            list.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(bucket, $"{at.UtcTicks:D19}|{pk}|{deal.Id}")
            {
                ["Tenant"] = tenant,
                ["DealId"] = deal.Id,
                ["At"] = at,
            }));
        }

        if (dealBatch.Count > 0)
        {
            await deals.SubmitTransactionAsync(dealBatch);
        }

        foreach (var rows in dueRows.Values)
        {
            foreach (var chunk in rows.Chunk(100))
            {
                await index.SubmitTransactionAsync(chunk);
            }
        }

        // The team's daily repair sweep is not part of a regular scan: mark it done, with the digest a week away.
        var dueIndex = provider.GetRequiredService<DueIndex>();
        await dueIndex.RegisterAsync(tenant, CancellationToken.None);
        var team = (await dueIndex.TeamsAsync(CancellationToken.None)).Single();
        await dueIndex.UpdateTeamAsync(team, now.AddDays(7), now, CancellationToken.None);

        var before = counter.Count;
        var delivered = await provider.GetRequiredService<ReminderScanner>().ScanAsync(CancellationToken.None);
        return (counter.Count - before, delivered);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class CountingPolicy : HttpPipelinePolicy
    {
        private int _count;

        public int Count => _count;

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            return ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            ProcessNext(message, pipeline);
        }
    }
}
