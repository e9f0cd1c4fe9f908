using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Charts;
using SalesBot.Deals;
using SalesBot.Deals.Verbs;
using SalesBot.DevChat;
using SalesBot.Import;
using SalesBot.Messaging;
using SalesBot.Pipeline;
using SalesBot.Privacy;
using SalesBot.Reminders;
using SalesBot.Storage;
using SalesBot.Tenants;
using SalesBot.Tenants.Config;
using SalesBot.Tenants.People;

/// <summary>
/// A big team, counted rather than timed (the emulator neither throttles a partition nor scans like the service): a CSV of
/// deals with history is imported through the real importer, then the commands a team uses are run in process as its
/// manager, and every storage request and every entity it returns is counted. The service's published target is about
/// 2,000 entities per second from one partition, so entities read say how long a command would take there.
/// </summary>
internal static class ScaleBench
{
    /// <summary>Entities per second one partition serves (Azure Table Storage's scalability targets).</summary>
    public const double PartitionTarget = 2_000;

    public sealed record Cost(long Requests, long Entities, long Bytes = 0)
    {
        public double KiB => Bytes / 1024.0;

        /// <summary>
        /// The partition target is for entities of 1 KiB: a read of bigger ones (the summary rows) is counted by its
        /// kibibytes when those are more than its entities.
        /// </summary>
        public double AtTargetMs => Math.Max(Entities, KiB) / PartitionTarget * 1000;
    }

    public sealed record Result(
        int Deals, int Open, double ImportRowsPerSecond, int ImportReruns, Cost Import, Cost FirstPipeline, Cost Pipeline, Cost Show, Cost ListBuild,
        double LargestSumKiB, double SumsKiB, Cost ListPage, Cost LastListPage, Cost DrillDown, Cost DrillDownLater, Cost WonDrillDown, Cost Scan, int Nudges, Cost Sweep);

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 30, 0, TimeSpan.Zero);
    private static readonly string[] Stages = ["Prospecting", "Contact", "Identify need", "Present offer", "Handle objections"];
    private static readonly string[] Companies = ["Nordlys Freight", "Brightwater Foods", "Keystone Clinics", "Halden Steel", "Orbit Telecom", "Sundby Energi"];

    /// <summary>SalesBot's services in process on tables of their own, every storage request counted by <paramref name="counter"/>.</summary>
    public static async Task<ServiceProvider> ServicesAsync(string connectionString, HttpPipelinePolicy counter)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:TablePrefix"] = "s" + Guid.NewGuid().ToString("N")[..12],
            ["Storage:OperationTimeout"] = "00:00:30",
            ["Reminders:BackgroundScan"] = "false",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Error))
            .AddSingleton<IConfiguration>(config)
            .AddSingleton(counter);
        services.AddTenants(config).AddTableStorage().AddDeals().AddMessaging().AddDealVerbs().AddPipeline().AddTeamConfig().AddPeopleSettings().AddReminders().AddCharts().AddImport().AddDevChat().AddPrivacy();
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TableStorage>().EnsureCreatedAsync(CancellationToken.None);
        return provider;
    }

    public static async Task<Result> RunAsync(string connectionString, int deals, TextWriter log)
    {
        var counter = new ReadCounter();
        await using var provider = await ServicesAsync(connectionString, counter);

        var tenant = "bench-scale-" + deals;
        var dispatcher = provider.GetRequiredService<MessageDispatcher>();
        async Task<Cost> SayAsync(string text, string expected, bool mayFail = false)
        {
            var before = counter.Snapshot();
            var reply = await dispatcher.HandleAsync(
                new IncomingMessage(tenant, "u-boss", "Boss", "dev:u-boss", text, Now, null, null) { MayNameFirstManager = true }, CancellationToken.None);
            if (mayFail && reply.IsError)
            {
                log.WriteLine($"'{text}' failed: {reply.Text}");
            }
            else if (reply.IsError || !reply.Text.Contains(expected, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Unexpected reply to '{text}': {reply.Text}");
            }

            return counter.Since(before);
        }

        await SayAsync("deal help", "deal");
        await SayAsync("config managers add @u-boss", "manager");

        var (csv, openWords) = File(deals);
        var import = counter.Snapshot();
        var watch = Stopwatch.StartNew();
        var reruns = 0;
        var result = await provider.GetRequiredService<DealImporter>().ImportAsync(tenant, new StringReader(csv), null, false, log, CancellationToken.None);
        var importSeconds = watch.Elapsed.TotalSeconds;
        if (result.Imported != deals)
        {
            // A row the storage did not take is reported; run again, the import goes on with the rows not yet imported.
            log.WriteLine($"Imported {result.Imported} of {deals} ({string.Join("; ", result.Errors.Take(3))}); importing again.");
            var again = await provider.GetRequiredService<DealImporter>().ImportAsync(tenant, new StringReader(csv), null, false, log, CancellationToken.None);
            importSeconds = watch.Elapsed.TotalSeconds;
            if (again.Imported + again.AlreadyThere != deals || again.AlreadyThere != result.Imported)
            {
                throw new InvalidOperationException($"Imported {again.Imported} more, {again.AlreadyThere} already there, of {deals}: {string.Join("; ", again.Errors.Take(3))}");
            }

            reruns++;
        }

        var importCost = counter.Since(import);

        // The first answer starts counting the team's sums and is counted from the deals meanwhile (a big enough team's
        // times out); later ones read the sums. Both read at once, so they are counted together.
        var firstStart = counter.Snapshot();
        await SayAsync("pipeline this quarter", "Pipeline", mayFail: true);
        await provider.GetRequiredService<PipelineSumsUpkeep>().IdleAsync();
        var firstPipeline = counter.Since(firstStart);
        var pipeline = await SayAsync("pipeline this quarter", "Pipeline");

        // How big the summary rows grew (an entity may hold 1 MiB).
        var sumSizes = new List<int>();
        var table = provider.GetRequiredService<TableStorage>().Table(TableStorage.DealsTable);
        var pk = Keys.Partition(tenant);
        var low = SummaryEntities.BasePrefix;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {Keys.UpperBound(low)}")))
        {
            sumSizes.Add(TransactionLimits.Size(row));
        }
        var random = new Random(7);
        var shows = new List<Cost>();
        for (var i = 0; i < 20; i++)
        {
            var word = openWords[random.Next(openWords.Count)];
            shows.Add(await SayAsync("deal show " + word, word));
        }

        // The first list builds the team's ordered lists (deals imported now have their rows already, so this only checks).
        var listBuildStart = counter.Snapshot();
        await SayAsync("deal list all", "deals");
        await provider.GetRequiredService<TeamUpkeep>().IdleAsync();
        var listBuild = counter.Since(listBuildStart);
        var list = await SayAsync("deal list all", "deals");
        var lastList = await SayAsync($"deal list all page {(openWords.Count + Paging.PageSize - 1) / Paging.PageSize}", "deals");

        // Drill-downs, largest deals first: their count from the sums, their deals from the period's ranks.
        var drill = await SayAsync("pipeline this quarter deals pipeline", "Pipeline");
        var drillLater = await SayAsync("pipeline this quarter deals pipeline page 5", "Pipeline");
        var wonDrill = await SayAsync("pipeline this quarter deals won", "won");

        // A regular scan (the team's daily sweep and digest done), then the daily repair sweep on its own.
        var index = provider.GetRequiredService<DueIndex>();
        var team = (await index.TeamsAsync(CancellationToken.None)).Single(t => t.Tenant == tenant);
        await index.UpdateTeamAsync(team, Now.AddDays(7), Now, CancellationToken.None);
        var scanner = provider.GetRequiredService<ReminderScanner>();
        var scanStart = counter.Snapshot();
        var nudges = await scanner.ScanAsync(CancellationToken.None);
        var scan = counter.Since(scanStart);
        team = (await index.TeamsAsync(CancellationToken.None)).Single(t => t.Tenant == tenant);
        await index.UpdateTeamAsync(team, Now.AddDays(7), Now.AddDays(-2), CancellationToken.None);
        var sweepStart = counter.Snapshot();
        await scanner.ScanAsync(CancellationToken.None);
        var sweep = counter.Since(sweepStart);

        return new Result(
            deals, openWords.Count, deals / importSeconds, reruns, importCost, firstPipeline, pipeline,
            new Cost(shows.Sum(s => s.Requests) / shows.Count, shows.Sum(s => s.Entities) / shows.Count, shows.Sum(s => s.Bytes) / shows.Count),
            listBuild, sumSizes.Max() / 1024.0, sumSizes.Sum() / 1024.0, list, lastList, drill, drillLater, wonDrill, scan, nudges, sweep);
    }

    /// <summary>
    /// SalesBot's own layout: 50 owners, 40 % open over every stage with close dates from a month ago to a year ahead,
    /// the rest won or lost over the last two years, some in euros. Each open deal has one unique word ("q000042").
    /// </summary>
    private static (string Csv, List<string> OpenWords) File(int deals)
    {
        var random = new Random(42);
        var csv = new StringBuilder("Id,Name,Amount,Currency,Segment,Stage,Status,Owner,Owner id,Expected close,Created,Stage entered,Closed,Lost reason\n");
        var words = new List<string>();
        string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        for (var i = 0; i < deals; i++)
        {
            var open = i % 5 < 2;
            var created = Now.AddDays(-random.Next(30, 730)).AddMinutes(random.Next(0, 600));
            var stage = random.Next(Stages.Length);
            var word = $"q{i:D6}";
            var name = i % 97 == 0 ? $"\"{Companies[i % Companies.Length]}, \"\"Ægir & Søn\"\" <b>{word}</b>\"" : $"{Companies[i % Companies.Length]} {word}";
            var closedAt = open ? (DateTimeOffset?)null : created.AddDays(random.Next(20, 120)) is var c && c < Now ? c : Now.AddDays(-1);
            var entered = open ? Now.AddDays(-random.Next(1, 60)) : created.AddDays(random.Next(0, 20));
            entered = entered < created ? created : closedAt is { } closed && entered > closed ? closed : entered;
            if (open)
            {
                words.Add(word);
            }

            var status = open ? "open" : i % 2 == 0 ? "won" : "lost";
            csv.Append(CultureInfo.InvariantCulture, $"R{i},{name},{random.Next(5, 500) * 1000},{(i % 20 == 0 ? "EUR" : "DKK")},{(i % 3) switch { 0 => "smb", 1 => "mid", _ => "enterprise" }},")
                .Append(CultureInfo.InvariantCulture, $"{Stages[stage]},{status},Rep {i % 50:D2},u-rep{i % 50:D2},")
                .Append(CultureInfo.InvariantCulture, $"{DateOnly.FromDateTime(Now.AddDays(random.Next(-30, 365)).UtcDateTime):yyyy-MM-dd},{Stamp(created)},{Stamp(entered)},")
                .Append(CultureInfo.InvariantCulture, $"{(closedAt is { } at ? Stamp(at) : "")},{(status == "lost" ? "price" : "")}\n");
        }

        return (csv.ToString(), words);
    }

    public static string Table(IReadOnlyList<Result> results)
    {
        var t = new StringBuilder();
        string Row(string label, Func<Result, string> cell) => $"| {label} | {string.Join(" | ", results.Select(cell))} |\n";
        string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        string Cost(Cost c) => $"{N(c.Entities)} ({N(c.Requests)} requests, {N(c.KiB)} KiB)";
        string Seconds(Cost c) => c.AtTargetMs >= 1000 ? $"{c.AtTargetMs / 1000:F1} s" : $"{c.AtTargetMs:F0} ms";
        t.Append(CultureInfo.InvariantCulture, $"Run {DateTime.Now:yyyy-MM-dd} on {Environment.ProcessorCount} cores, in process against the storage emulator; entities read, with storage requests and the kibibytes of the responses in brackets.\n\n");
        t.Append(Row("", r => $"{N(r.Deals)} deals ({N(r.Open)} open)").Replace("|  |", "| |", StringComparison.Ordinal));
        t.Append("|---|" + string.Concat(results.Select(_ => "---|")) + "\n");
        t.Append(Row("import: rows per second", r => N(r.ImportRowsPerSecond) + (r.ImportReruns > 0 ? $" (run {r.ImportReruns + 1} times)" : "")));
        t.Append(Row("import: requests per row", r => (r.Import.Requests / (double)r.Deals).ToString("F2", CultureInfo.InvariantCulture)));
        t.Append(Row("import: entities read per row", r => (r.Import.Entities / (double)r.Deals).ToString("F2", CultureInfo.InvariantCulture)));
        t.Append(Row("first `pipeline this quarter` and counting the sums (once)", r => Cost(r.FirstPipeline)));
        t.Append(Row("`pipeline this quarter` (team), from the sums", r => Cost(r.Pipeline)));
        t.Append(Row("… at 2,000 entities of 1 KiB a second", r => Seconds(r.Pipeline)));
        t.Append(Row("summary rows: largest / all (KiB; an entity may hold 1,024)", r => $"{N(r.LargestSumKiB)} / {N(r.SumsKiB)}"));
        t.Append(Row("`deal show <word>` (mean of 20)", r => Cost(r.Show)));
        t.Append(Row("first `deal list all` (builds the ordered lists and ranks once)", r => Cost(r.ListBuild)));
        t.Append(Row("`deal list all`, first page", r => Cost(r.ListPage)));
        t.Append(Row("`deal list all`, last page", r => Cost(r.LastListPage)));
        t.Append(Row("`pipeline this quarter deals pipeline`, first page", r => Cost(r.DrillDown)));
        t.Append(Row("… page 5", r => Cost(r.DrillDownLater)));
        t.Append(Row("`pipeline this quarter deals won`, first page", r => Cost(r.WonDrillDown)));
        t.Append(Row("stall scan after the import (nudges sent)", r => $"{Cost(r.Scan)}, {N(r.Nudges)} nudges"));
        t.Append(Row("daily repair sweep", r => Cost(r.Sweep)));
        t.Append(Row("… at 2,000 entities of 1 KiB a second", r => Seconds(r.Sweep)));
        return t.ToString();
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Counts storage requests, and the entities each read returns (1 for a point read, the page's rows for a query).</summary>
    private sealed class ReadCounter : HttpPipelinePolicy
    {
        private long _requests;
        private long _entities;
        private long _bytes;

        public Cost Snapshot() => new(Interlocked.Read(ref _requests), Interlocked.Read(ref _entities), Interlocked.Read(ref _bytes));

        public Cost Since(Cost before) => new(
            Interlocked.Read(ref _requests) - before.Requests, Interlocked.Read(ref _entities) - before.Entities, Interlocked.Read(ref _bytes) - before.Bytes);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Count(message);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Count(message);
        }

        private void Count(HttpMessage message)
        {
            Interlocked.Increment(ref _requests);
            if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200)
            {
                return;
            }

            var content = message.Response.Content.ToMemory();
            Interlocked.Add(ref _bytes, content.Length);
            if (message.Request.Uri.Path.Contains("(PartitionKey=", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _entities);
                return;
            }

            using var json = JsonDocument.Parse(content);
            if (json.RootElement.TryGetProperty("value", out var rows))
            {
                Interlocked.Add(ref _entities, rows.GetArrayLength());
            }
        }
    }
}
