using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Pipeline;
using SalesBot.Tenants;

/// <summary>
/// What a hot summary row costs: 16 people advance and move back 48 deals as fast as they can while two folds run
/// without pause, once with every deal in one stage and close month (all changes go to the same summary rows), once
/// with the deals spread over 48 close months, and once in one month with no fold until the end. Then the stored sums
/// are compared with a count from the deals.
/// </summary>
internal static class HotRowBench
{
    private const int Writers = 16;
    private const int Deals = 48;
    private const int CommandsPerWriter = 150;

    public sealed record Result(string Layout, int Commands, int Failed, double PerSecond, double P50Ms, double P99Ms, int FoldsRun, int Folded, bool SumsRight);

    public static async Task<string> RunAsync(string connectionString, TextWriter log)
    {
        var results = new List<Result>();
        // Twice each, in turn, so a difference that is only noise shows as such.
        foreach (var (spread, folding) in new[] { (false, true), (true, true), (false, false), (false, true), (true, true), (false, false) })
        {
            results.Add(await RunOnceAsync(connectionString, spread, folding));
            log.WriteLine(results[^1]);
        }

        var t = new StringBuilder();
        string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        t.Append(CultureInfo.InvariantCulture, $"Run {DateTime.Now:yyyy-MM-dd} on {Environment.ProcessorCount} cores, in process against the storage emulator; {Writers} people, {Deals} deals, {Writers * CommandsPerWriter} commands a run, two folds running throughout unless said.\n\n");
        t.Append("| deals | commands (failed) | per second | p50 | p99 | folds run (changes folded) | sums equal a count from the deals |\n|---|---|---|---|---|---|---|\n");
        foreach (var r in results)
        {
            t.Append(CultureInfo.InvariantCulture, $"| {r.Layout} | {N(r.Commands)} ({N(r.Failed)}) | {N(r.PerSecond)} | {r.P50Ms:F0} ms | {r.P99Ms:F0} ms | {N(r.FoldsRun)} ({N(r.Folded)}) | {(r.SumsRight ? "yes" : "NO")} |\n");
        }

        return t.ToString();
    }

    private static async Task<Result> RunOnceAsync(string connectionString, bool spread, bool folding)
    {
        await using var provider = await ScaleBench.ServicesAsync(connectionString, new NoPolicy());
        var dispatcher = provider.GetRequiredService<MessageDispatcher>();
        var tenant = "bench-hot-" + Guid.NewGuid().ToString("N")[..8];
        async Task<Reply> SayAsync(string text) => await dispatcher.HandleAsync(
            new IncomingMessage(tenant, "u-boss", "Boss", "dev:u-boss", text, ScaleBench.Now, null, null) { MayNameFirstManager = true }, CancellationToken.None);

        await SayAsync("config managers add @u-boss");
        var close = DateOnly.FromDateTime(ScaleBench.Now.UtcDateTime).AddMonths(1);
        for (var i = 0; i < Deals; i++)
        {
            await SayAsync($"deal new \"Hot {i:D2}\" 10k close {(spread ? close.AddMonths(i) : close):yyyy-MM-dd}");
        }

        // The sums counted, as after a team's first pipeline answer.
        await SayAsync("pipeline this quarter");
        await provider.GetRequiredService<PipelineSumsUpkeep>().IdleAsync();

        var sums = provider.GetRequiredService<IPipelineSums>();
        using var done = new CancellationTokenSource();
        var (foldsRun, folded) = (0, 0);
        var folds = Enumerable.Range(0, folding ? 2 : 0).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var n = await sums.FoldAsync(tenant, CancellationToken.None);
                Interlocked.Increment(ref foldsRun);
                Interlocked.Add(ref folded, n);
            }
        })).ToArray();

        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var k = 0; k < CommandsPerWriter; k++)
            {
                // Each person keeps to three deals: advance, then back, so stages stay within the process.
                var deal = w * (Deals / Writers) + k % (Deals / Writers);
                var started = Stopwatch.GetTimestamp();
                var reply = await SayAsync($"deal {(k / (Deals / Writers) % 2 == 0 ? "advance" : "back")} \"Hot {deal:D2}\"");
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (reply.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        await done.CancelAsync();
        await Task.WhenAll(folds);
        folded += await sums.FoldAsync(tenant, CancellationToken.None);

        var settings = await provider.GetRequiredService<TenantSettingsProvider>().GetAsync(tenant);
        var expected = new CubeRows();
        foreach (var deal in await provider.GetRequiredService<IDealStore>().ListAsync(tenant, new DealQuery(OpenOnly: false, Max: 10_000), CancellationToken.None))
        {
            expected.Add(PipelineCube.Of(deal, settings));
        }

        var stored = await sums.ReadOpenAsync(settings, PipelineCube.Team, CancellationToken.None);
        var open = PipelineCube.OpenRows(PipelineCube.Team);
        string Team(CubeRows rows) => JsonSerializer.Serialize(rows.Rows.Where(r => r.Key.StartsWith(open, StringComparison.Ordinal)).OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => r.Value.Where(c => !c.Value.IsZero).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{r.Key} {c.Key} {c.Value}")));
        var sorted = latencies.Order().ToArray();
        return new Result((spread ? $"{Deals} over {Deals} close months" : $"{Deals} in one stage and close month") + (folding ? "" : ", folded only at the end"),
            sorted.Length, failed, sorted.Length / seconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)], foldsRun, folded,
            stored is not null && stored.Pending == 0 && Team(expected) == Team(stored.Rows));
    }

    private sealed class NoPolicy : HttpPipelineSynchronousPolicy;
}
