using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

// Round-trip latency of `deal advance` against a running SalesBot (./run.sh).
//   dev:   POST /api/dev/messages
//   slack: signed POST /api/slack/commands; start the bot with --Slack:SigningSecret=<secret>
//   pipeline: `pipeline this quarter` and `deal show` by name and by word for a team of --deals deals (default 10,000),
//             seeded into the storage first
//   all: every benchmark in one run (round trips at 1/16/64 with the storage floor, memory, stall scan); rewrites docs/benchmarks.md
//   side: SalesBot beside the Bolt peer (bench/bolt-peer) and the storage floor, /deal log at 1, 16 and 64 users
//   requests: storage requests per command, cold and warm, counted by a proxy in front of the emulator
//   scale: a team of 1,000, 10,000 and 100,000 deals (--deals 1000,10000): import, then entities read per command
//   hot: what a hot summary row costs: 16 people changing 48 deals of one stage and month while folds run
//   scan: storage requests of one stall scan at 1,000 and 10,000 open deals with 50 due (in process, needs only Azurite)
//   teams: validated activity in, reply posted to a fake Connector; this program starts its own SalesBot process and
//          fake Bot Framework, and needs only the storage emulator (./run.sh or Azurite on 10002)
// Usage: dotnet run -c Release --project bench/SalesBot.Bench -- [dev|slack|teams] [--url http://localhost:3978] [--calls 200]
//        [--concurrency 1] [--secret bench-signing-secret]
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "dev";
var url = Arg("--url") ?? "http://localhost:3978";
var calls = int.Parse(Arg("--calls") ?? "200", CultureInfo.InvariantCulture);
var concurrency = int.Parse(Arg("--concurrency") ?? "1", CultureInfo.InvariantCulture);
var secret = Arg("--secret") ?? "bench-signing-secret";
var team = "B" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
if (mode == "all")
{
    var storage = Arg("--storage") ?? "UseDevelopmentStorage=true";
    TeamsBench.EmulatorPid = Arg("--emulator-pid") is { } emulator ? int.Parse(emulator, CultureInfo.InvariantCulture) : null;
    var port = 3993;
    await AllBench.RunAsync(storage, Arg("--docs") ?? "docs/benchmarks.md",
        (path, c, s) => TeamsBench.RunAsync(path, 192, c, fakePort: port++, botPort: port++, s), readsPort: 3985);
    return;
}

if (mode == "side")
{
    TeamsBench.EmulatorPid = Arg("--emulator-pid") is { } emulatorPid ? int.Parse(emulatorPid, CultureInfo.InvariantCulture) : null;
    await SideReport.RunAsync(Arg("--storage") ?? "UseDevelopmentStorage=true", Arg("--docs"), Arg("--peer") ?? "bench/bolt-peer",
        int.Parse(Arg("--rounds") ?? "3", CultureInfo.InvariantCulture));
    return;
}

if (mode == "requests")
{
    var table = await RequestBench.RunAsync(Arg("--storage") ?? "UseDevelopmentStorage=true", 3984, 3982);
    if (Arg("--docs") is { } docs)
    {
        await Docs.ReplaceSectionAsync(docs, "requests", "## Storage requests per command", table);
    }

    return;
}

if (mode == "scale")
{
    var results = new List<ScaleBench.Result>();
    foreach (var size in (Arg("--deals") ?? "1000,10000,100000").Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)))
    {
        results.Add(await ScaleBench.RunAsync(Arg("--storage") ?? "UseDevelopmentStorage=true", size, Console.Out));
        Console.WriteLine(results[^1]);
    }

    var table = ScaleBench.Table(results);
    Console.Write(table);
    if (Arg("--docs") is { } scaleDocs)
    {
        await Docs.ReplaceSectionAsync(scaleDocs, "scale", "## Big teams", table);
    }

    return;
}

if (mode == "hot")
{
    var table = await HotRowBench.RunAsync(Arg("--storage") ?? "UseDevelopmentStorage=true", Console.Out);
    Console.Write(table);
    if (Arg("--docs") is { } hotDocs)
    {
        await Docs.ReplaceSectionAsync(hotDocs, "hot", "## Big teams", table);
    }

    return;
}

if (mode == "load")
{
    // Load on a running SalesBot for a profiler: /deal log from --concurrency users on as many deals, --calls in all.
    var target = new SideBench.Target("SalesBot", null, url + "/api/slack/commands");
    for (var round = 0; round < int.Parse(Arg("--rounds") ?? "1", CultureInfo.InvariantCulture); round++)
    {
        // --verb advance: advance and back in turn, instead of logs.
        Func<string, int, string>? command = Arg("--verb") == "advance" ? (deal, k) => (k % 2 == 0 ? "advance " : "back ") + deal : null;
        var run = await SideBench.RunAsync(target, concurrency, int.Parse(Arg("--deals") ?? Math.Min(concurrency, 50).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), calls, command: command);
        Console.WriteLine(FormattableString.Invariant($"load: {run.Samples.Count} logs, {run.PerSecond:F0}/s, p50 {run.At(50):F1} ms, p99 {run.At(99):F1} ms, max {run.Samples.Max():F0} ms, failed {run.Failed}"));
        foreach (var failure in SideBench.Failures.GroupBy(f => f[..Math.Min(40, f.Length)]))
        {
            Console.WriteLine($"  {failure.Count()}× {failure.Key}");
        }

        SideBench.Failures.Clear();
    }

    return;
}

if (mode == "scan")
{
    foreach (var open in new[] { 1_000, 10_000 })
    {
        var (requests, delivered) = await ScanBench.RunAsync(Arg("--storage") ?? "UseDevelopmentStorage=true", open, 50);
        Console.WriteLine($"stall scan: {open} open deals, 50 due: {requests} storage requests, {delivered} nudges delivered");
    }

    return;
}

if (mode == "teams")
{
    var teams = await TeamsBench.RunAsync(Arg("--path") ?? "teams", calls, concurrency, fakePort: 3990, botPort: 3991, Arg("--storage"));
    teams.Sort();
    Console.WriteLine(FormattableString.Invariant(
        $"{Arg("--path") ?? "teams"}: deal advance, {teams.Count} calls, concurrency {concurrency}: p50 {At(teams, 50):F1} ms, p90 {At(teams, 90):F1} ms, p99 {At(teams, 99):F1} ms, min {teams[0]:F1} ms, max {teams[^1]:F1} ms; bot CPU {TeamsBench.BotCpuMsPerCommand:F2} ms per command"));
    return;
}

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
if (mode == "pipeline")
{
    var deals = int.Parse(Arg("--deals") ?? "10000", CultureInfo.InvariantCulture);
    var runs = int.Parse(Arg("--runs") ?? "10", CultureInfo.InvariantCulture);
    var (tenant, openNames) = await TeamSeed.SeedAsync(Arg("--storage") ?? "UseDevelopmentStorage=true", deals);
    await PipelineBench.BecomeManagerAsync(http, tenant);
    var timings = await PipelineBench.PipelineAsync(http, tenant, runs);
    timings.Sort();
    var pipelineFloor = await PipelineFloorBench.RunAsync(Arg("--storage") ?? "UseDevelopmentStorage=true", tenant, runs);
    pipelineFloor.Sort();
    Console.WriteLine(FormattableString.Invariant(
        $"pipeline this quarter, {deals} deals, {timings.Count} runs: median {At(timings, 50):F0} ms, min {timings[0]:F0} ms, max {timings[^1]:F0} ms; storage floor median {At(pipelineFloor, 50):F0} ms"));
    foreach (var byWord in new[] { false, true })
    {
        var lookups = await PipelineBench.LookupAsync(http, tenant, openNames, byWord, 50, seed: 7);
        lookups.Sort();
        var floor = await LookupFloorBench.RunAsync(Arg("--storage") ?? "UseDevelopmentStorage=true", tenant, openNames, byWord, 50, seed: 7);
        floor.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"deal show by {(byWord ? "unique word" : "whole name")}, {deals} deals, {lookups.Count} lookups: p50 {At(lookups, 50):F1} ms, p99 {At(lookups, 99):F1} ms; storage floor p50 {At(floor, 50):F1} ms, p99 {At(floor, 99):F1} ms"));
    }

    return;
}

// Each simulated rep advances a deal of their own, as a team would; an untimed "back" resets it between calls.
var workers = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
{
    var user = $"UBENCH{i}";
    var text = await Say(user, $"new \"Bench Deal {i}\" 10k");
    var id = text.Split('(', ')')[1];
    for (var w = 0; w < 10; w++)
    {
        await Say(user, $"advance {id}");
        await Say(user, $"back {id}");
    }

    return (user, id);
}));

var samples = new List<double>(calls);
var perWorker = calls / concurrency;
var wall = Stopwatch.StartNew();
await Task.WhenAll(workers.Select(async w =>
{
    for (var i = 0; i < perWorker; i++)
    {
        var watch = Stopwatch.StartNew();
        var text = await Say(w.user, $"advance {w.id}");
        var ms = watch.Elapsed.TotalMilliseconds;
        if (!text.StartsWith("Moved", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Unexpected reply: " + text);
        }

        lock (samples)
        {
            samples.Add(ms);
        }

        await Say(w.user, $"back {w.id}");
    }
}));

samples.Sort();
Console.WriteLine(FormattableString.Invariant(
    $"{mode}: deal advance, {samples.Count} calls, concurrency {concurrency}: p50 {Pct(50):F1} ms, p90 {Pct(90):F1} ms, p99 {Pct(99):F1} ms, min {samples[0]:F1} ms, max {samples[^1]:F1} ms, {samples.Count * 2 / wall.Elapsed.TotalSeconds:F0} commands/s"));

double Pct(double p) => At(samples, p);

static double At(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p / 100 * sorted.Count) - 1)];

async Task<string> Say(string user, string text)
{
    if (mode == "slack")
    {
        return await new SideBench.Target("SalesBot", null, url + "/api/slack/commands", secret).SayAsync(team, user, text, Guid.NewGuid().ToString("N"))
            ?? throw new InvalidOperationException("The Slack command failed.");
    }

    using var dev = await http.PostAsJsonAsync("/api/dev/messages", new { tenant = team, user, userName = user, text = "deal " + text });
    dev.EnsureSuccessStatusCode();
    return (await dev.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString()!;
}

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
