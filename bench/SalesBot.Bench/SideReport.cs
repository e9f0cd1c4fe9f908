using System.Globalization;
using System.Text;

/// <summary>
/// The side-by-side table: for 1, 16 and 64 users, rounds of storage floor, SalesBot and Bolt peer one after the other
/// (interleaved, so a slow moment of the machine touches all three), each figure the median of the rounds. Rewrites the
/// "Side by side" section of docs/benchmarks.md when given its path.
/// </summary>
internal static class SideReport
{
    private static readonly (int Users, int Deals, int Calls)[] Loads = [(1, 1, 200), (16, 16, 640), (64, 50, 960)];

    public static async Task RunAsync(string storage, string? docsPath, string peerDir, int rounds)
    {
        // Users from 50 on share a deal with a user below 50; in SalesBot they are managers, so they may log on it.
        var managers = Enumerable.Range(50, 14).Select((u, i) => $"--Tenants:Defaults:Managers:{i}=U{u:D4}BENCH");
        var prefix = "side" + Guid.NewGuid().ToString("N")[..6];
        await using var bot = await BenchBot.StartAsync(3987, storage, ["--Storage:TablePrefix=" + prefix, "--Slack:SigningSecret=" + SideBench.Secret, .. managers]);
        var salesBot = SideBench.StartSalesBot(bot, 3987);
        await using var peer = await SideBench.StartPeerAsync(peerDir, storage, 3988);

        // Both bots first run 2,000 commands untimed, so what is timed is warm code (optimised JIT tiers, warm V8).
        await SideBench.RunAsync(salesBot, 16, 16, 2000);
        await SideBench.RunAsync(peer, 16, 16, 2000);
        SideBench.Failures.Clear();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run on {DateTimeOffset.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, Node {NodeVersion()}, Azurite in memory{Keyed()}; SalesBot in Release; {rounds} interleaved rounds, medians. Reproduce: `bench/run.sh`.");
        report.AppendLine();
        report.AppendLine("| users on deals | target | commands | logs/s | p50 ms | p99 ms | max ms | failed | CPU ms per command: bot, storage | throughput ÷ peer | p99 ÷ peer p99 | p99 ÷ floor p99 |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (users, deals, calls) in Loads)
        {
            var results = new Dictionary<string, List<SideBench.Run>> { ["floor"] = [], ["SalesBot"] = [], ["Bolt peer"] = [] };
            for (var r = 0; r < rounds; r++)
            {
                results["floor"].Add(await SideBench.FloorAsync(storage, users, deals, calls));
                results["SalesBot"].Add(await SideBench.RunAsync(salesBot, users, deals, calls));
                results["Bolt peer"].Add(await SideBench.RunAsync(peer, users, deals, calls));
                Console.WriteLine($"{users} users on {deals} deals: round {r + 1} done");
            }

            var peerRate = Median(results["Bolt peer"].Select(x => x.PerSecond));
            var peerP99 = Median(results["Bolt peer"].Select(x => x.At(99)));
            var floorP99 = Median(results["floor"].Select(x => x.At(99)));
            foreach (var (name, runs) in results)
            {
                var rate = Median(runs.Select(x => x.PerSecond));
                var p99 = Median(runs.Select(x => x.At(99)));
                var vsPeer = name == "SalesBot" ? FormattableString.Invariant($"{rate / peerRate:F2}× | {p99 / peerP99:F2}×") : " | ";
                var storageCpu = Median(runs.Select(x => x.StorageCpuMsPerCommand)).ToString("F2", CultureInfo.InvariantCulture);
                var cpu = (name == "floor" ? "–" : Median(runs.Select(x => x.CpuMsPerCommand)).ToString("F2", CultureInfo.InvariantCulture)) + ", " + storageCpu;
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {users} on {deals} | {name} | {runs.Sum(x => x.Samples.Count)} | {rate:F0} | {Median(runs.Select(x => x.At(50))):F1} | {p99:F1} | {runs.Max(x => x.Samples.Max()):F0} | {runs.Sum(x => x.Failed)} | {cpu} | {vsPeer} | {p99 / floorP99:F2}× |");
            }
        }

        var redelivered = new List<SideBench.Run>();
        for (var r = 0; r < rounds; r++)
        {
            redelivered.Add(await SideBench.RunAsync(salesBot, 16, 16, 640, redeliver: true));
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Redelivered commands (each timed log sent a second time with the same trigger, as Slack retries; the second delivery timed), 16 users on 16 deals, SalesBot: {Median(redelivered.Select(x => x.PerSecond)):F0}/s, p50 {Median(redelivered.Select(x => x.At(50))):F1} ms, p99 {Median(redelivered.Select(x => x.At(99))):F1} ms, CPU {Median(redelivered.Select(x => x.CpuMsPerCommand)):F2} ms per delivery.");
        Console.Write(report);
        await SideBench.DropTablesAsync(storage, prefix);
        await SideBench.DropTablesAsync(storage, SideBench.PeerTablePrefix);
        if (docsPath is not null)
        {
            await Docs.ReplaceSectionAsync(docsPath, "side-by-side", "## Side by side", report.ToString());
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>Whether the emulator finds rows by their keys (started with bench/emulator-keys.js) or scans partitions.</summary>
    internal static string Keyed()
    {
        try
        {
            return TeamsBench.EmulatorPid is { } pid && File.ReadAllText($"/proc/{pid}/cmdline").Contains("emulator-keys.js", StringComparison.Ordinal)
                ? " with a key index (`bench/emulator-keys.js`)"
                : ", plain (every row found by scanning its partition)";
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string NodeVersion()
    {
        using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        return node.StandardOutput.ReadToEnd().Trim().TrimStart('v');
    }
}

/// <summary>Rewrites one marked section of a docs page (between <c>&lt;!-- name:begin --&gt;</c> and <c>&lt;!-- name:end --&gt;</c>).</summary>
internal static class Docs
{
    public static async Task ReplaceSectionAsync(string path, string name, string heading, string content)
    {
        var docs = await File.ReadAllTextAsync(path);
        var begin = $"<!-- {name}:begin -->";
        var end = $"<!-- {name}:end -->";
        var start = docs.IndexOf(begin, StringComparison.Ordinal);
        var stop = docs.IndexOf(end, StringComparison.Ordinal);
        var section = begin + "\n" + content + end;
        docs = start >= 0 && stop > start ? docs[..start] + section + docs[(stop + end.Length)..] : docs + $"\n{heading}\n\n" + section + "\n";
        await File.WriteAllTextAsync(path, docs);
    }
}
