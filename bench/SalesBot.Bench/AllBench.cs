using System.Globalization;
using System.Text;

/// <summary>
/// Every benchmark in one run, against one storage emulator; rewrites the "Latest full run" section of
/// docs/benchmarks.md. Each round-trip figure is the median of three runs, with the range of the three.
/// </summary>
internal static class AllBench
{
    private const int Runs = 3;
    private const int Calls = 192;

    public static async Task RunAsync(string connectionString, string docsPath, Func<string, int, string, Task<List<double>>> roundTrip, int readsPort)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run on {DateTimeOffset.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, Azurite in memory{SideReport.Keyed()}; bot in Release. Reproduce: `bench/run.sh`.");
        report.AppendLine();
        report.AppendLine("| path | concurrency | p50 ms (range) | p99 ms (range) | advances/s (each followed by an untimed back) | CPU ms per command: bot, storage | floor p50 ms | floor p99 ms | p99 ÷ floor p99 |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var peakAt64 = new List<string>();
        foreach (var concurrency in new[] { 1, 16, 64 })
        {
            var floors = new List<(double P50, double P99)>();
            for (var r = 0; r < Runs; r++)
            {
                var f = await FloorBench.RunAsync(connectionString, Calls, concurrency);
                floors.Add(Stats(f));
            }

            var floor = (Median(floors.Select(f => f.P50)), Median(floors.Select(f => f.P99)));
            foreach (var path in new[] { "slack", "teams" })
            {
                var runs = new List<(double P50, double P99, double Rate, double Cpu, double Storage)>();
                var peaks = new List<long>();
                for (var r = 0; r < Runs; r++)
                {
                    var samples = await roundTrip(path, concurrency, connectionString);
                    var (p50, p99) = Stats(samples);

                    peaks.Add(TeamsBench.PeakWorkingSetMiB);
                    runs.Add((p50, p99, TeamsBench.AdvancesPerSecond, TeamsBench.BotCpuMsPerCommand, TeamsBench.EmulatorCpuMsPerCommand));
                }

                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {path} | {concurrency} | {Median(runs.Select(x => x.P50)):F1} ({runs.Min(x => x.P50):F1}–{runs.Max(x => x.P50):F1}) | {Median(runs.Select(x => x.P99)):F1} ({runs.Min(x => x.P99):F1}–{runs.Max(x => x.P99):F1}) | {Median(runs.Select(x => x.Rate)):F0} | {Median(runs.Select(x => x.Cpu)):F1}, {Median(runs.Select(x => x.Storage)):F1} | {floor.Item1:F1} | {floor.Item2:F1} | {Median(runs.Select(x => x.P99)) / floor.Item2:F1} |");
                if (concurrency == 64)
                {
                    peakAt64.Add($"{path} {peaks.Max()} MiB");
                }

                Console.WriteLine($"{path} at {concurrency}: done");
            }
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Peak working set of the bot process in the 64-user runs (highest of the three, from start-up to the end of the run): {string.Join(", ", peakAt64)}.");
        await ReadsAsync(connectionString, readsPort, report);
        report.AppendLine();
        report.AppendLine("| stall scan: open deals | due | storage requests | delivered |");
        report.AppendLine("|---|---|---|---|");
        foreach (var open in new[] { 1_000, 10_000 })
        {
            var (requests, delivered) = await ScanBench.RunAsync(connectionString, open, 50);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {open:N0} | 50 | {requests} | {delivered} |");
        }

        var docs = await File.ReadAllTextAsync(docsPath);
        const string begin = "<!-- latest-run:begin -->";
        const string end = "<!-- latest-run:end -->";
        var start = docs.IndexOf(begin, StringComparison.Ordinal);
        var stop = docs.IndexOf(end, StringComparison.Ordinal);
        var section = begin + "\n" + report + end;
        docs = start >= 0 && stop > start ? docs[..start] + section + docs[(stop + end.Length)..] : docs + "\n## Latest full run\n\n" + section + "\n";
        await File.WriteAllTextAsync(docsPath, docs);
        Console.Write(report);
    }

    /// <summary>
    /// Lookups by name and the quarter's pipeline for teams of 1,000 and 10,000 deals, through the dev endpoint of one
    /// bot process: per lookup kind, three runs of 50 random open deals; the pipeline, ten runs after two warm-ups.
    /// </summary>
    private static async Task ReadsAsync(string connectionString, int port, StringBuilder report)
    {
        await using var bot = await BenchBot.StartAsync(port, connectionString, ["--DevChat:Enabled=true"]);
        report.AppendLine();
        report.AppendLine("| team size | read | p50 ms (range) | p99 ms (range) | storage floor p50 ms | floor p99 ms |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var deals in new[] { 1_000, 10_000 })
        {
            var (tenant, openNames) = await TeamSeed.SeedAsync(connectionString, deals);
            await PipelineBench.BecomeManagerAsync(bot.Http, tenant);
            foreach (var (label, byWord) in new[] { ("`deal show \"<whole name>\"`", false), ("`deal show <unique word>`", true) })
            {
                var runs = new List<(double P50, double P99)>();
                var floors = new List<(double P50, double P99)>();
                for (var r = 0; r < Runs; r++)
                {
                    runs.Add(Stats(await PipelineBench.LookupAsync(bot.Http, tenant, openNames, byWord, 50, seed: r)));
                    floors.Add(Stats(await LookupFloorBench.RunAsync(connectionString, tenant, openNames, byWord, 50, seed: r)));
                }

                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {deals:N0} | {label} | {Median(runs.Select(x => x.P50)):F1} ({runs.Min(x => x.P50):F1}–{runs.Max(x => x.P50):F1}) | {Median(runs.Select(x => x.P99)):F1} ({runs.Min(x => x.P99):F1}–{runs.Max(x => x.P99):F1}) | {Median(floors.Select(x => x.P50)):F1} | {Median(floors.Select(x => x.P99)):F1} |");
            }

            var pipeline = await PipelineBench.PipelineAsync(bot.Http, tenant, 10);
            var floor = await PipelineFloorBench.RunAsync(connectionString, tenant, 10);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {deals:N0} | `pipeline this quarter` (10 runs: median, range) | {Median(pipeline):F0} ({pipeline.Min():F0}–{pipeline.Max():F0}) | | {Median(floor):F0} | |");
            Console.WriteLine($"reads at {deals}: done");
        }
    }

    private static (double P50, double P99) Stats(List<double> samples)
    {
        samples.Sort();
        double At(double p) => samples[(int)Math.Min(samples.Count - 1, Math.Ceiling(p / 100 * samples.Count) - 1)];
        return (At(50), At(99));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
