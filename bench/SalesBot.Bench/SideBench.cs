using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

/// <summary>
/// SalesBot side by side with the reference peer (bench/bolt-peer: the same commands written with Slack's Bolt framework
/// and @azure/data-tables) and the bare storage floor, on one storage emulator: signed <c>/deal log &lt;deal&gt; call "…"</c>
/// from many users at once, every request unique. With more users than deals (64 on 50) several people log on the same
/// deal at the same moment; the extra users are managers in SalesBot, so they may change deals they do not own.
/// </summary>
internal static class SideBench
{
    public const string Secret = "bench-signing-secret";

    /// <summary>The peer's table names start with this.</summary>
    public const string PeerTablePrefix = "boltpeer";

    /// <summary>The answers of failed commands, for a look at why.</summary>
    public static System.Collections.Concurrent.ConcurrentBag<string> Failures { get; } = [];

    /// <summary>One timed run: latencies, wall time, failed commands, and the processor time the target used.</summary>
    public sealed record Run(List<double> Samples, double Seconds, int Failed, double CpuMsPerCommand)
    {
        /// <summary>Processor time the storage emulator used per command, in ms (0 when its process is unknown).</summary>
        public double StorageCpuMsPerCommand { get; init; }

        public double PerSecond => Samples.Count / Seconds;

        public double At(double p)
        {
            var sorted = Samples.Order().ToArray();
            return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p / 100 * sorted.Length) - 1)];
        }
    }

    /// <summary>A running bot that takes signed Slack commands at <see cref="Url"/>.</summary>
    public sealed class Target(string name, Process? process, string url, string secret = Secret) : IAsyncDisposable
    {
        private static readonly HttpClient Http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(60) };

        public string Name { get; } = name;
        public string Url { get; } = url;

        public TimeSpan Cpu
        {
            get
            {
                process?.Refresh();
                return process?.TotalProcessorTime ?? TimeSpan.Zero;
            }
        }

        /// <summary>Posts a signed slash command (the same body when <paramref name="trigger"/> repeats) and returns the reply text.</summary>
        public async Task<string?> SayAsync(string team, string user, string text, string trigger)
        {
            var form = string.Join('&', new Dictionary<string, string>
            {
                ["team_id"] = team,
                ["channel_id"] = "C0BENCH",
                ["user_id"] = user,
                ["user_name"] = user.ToLowerInvariant(),
                ["command"] = "/deal",
                ["text"] = text,
                ["response_url"] = "",
                ["trigger_id"] = trigger,
            }.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            // As Slack sends it: no charset parameter (Bolt's receiver refuses one).
            var body = new ByteArrayContent(Encoding.UTF8.GetBytes(form));
            body.Headers.ContentType = new("application/x-www-form-urlencoded");
            using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = body };
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", SalesBot.Slack.SlackSignature.Sign(secret, timestamp, Encoding.UTF8.GetBytes(form)));
            using var response = await Http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            return json.RootElement.TryGetProperty("text", out var t) ? t.GetString() : null;
        }

        public async ValueTask DisposeAsync()
        {
            if (process is not null)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    /// <summary>Starts the Bolt peer (node bench/bolt-peer/app.js) on its own table and waits until it listens.</summary>
    public static async Task<Target> StartPeerAsync(string peerDir, string storage, int port)
    {
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = peerDir };
        start.ArgumentList.Add("app.js");
        start.Environment["STORAGE"] = storage;
        start.Environment["TABLE"] = PeerTablePrefix + Guid.NewGuid().ToString("N")[..8];
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["SLACK_SIGNING_SECRET"] = Secret;
        var process = Process.Start(start)!;
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "ready")
        {
            throw new InvalidOperationException("The Bolt peer did not start: " + ready);
        }

        return new Target("Bolt peer", process, $"http://127.0.0.1:{port}/slack/events");
    }

    /// <summary>Starts SalesBot (Release) with Slack signing on, and the given users as managers of every benchmark team.</summary>
    public static Target StartSalesBot(BenchBot bot, int port) =>
        new("SalesBot", bot.Process, $"http://127.0.0.1:{port}/api/slack/commands");

    /// <summary>
    /// Creates <paramref name="deals"/> deals in a fresh team (deal j owned by user j), warms up, then times
    /// <paramref name="calls"/> logs from <paramref name="users"/> users (user i logs on deal i mod deals).
    /// With <paramref name="redeliver"/> every timed request is sent a second time, as Slack retries it, and the second
    /// delivery is what is timed.
    /// </summary>
    public static async Task<Run> RunAsync(Target target, int users, int deals, int calls, bool redeliver = false, Func<string, int, string>? command = null)
    {
        var team = "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        string User(int i) => $"U{i:D4}BENCH";
        string Deal(int j) => $"\"Side Bench {j}\"";
        await Task.WhenAll(Enumerable.Range(0, deals).Select(j => target.SayAsync(team, User(j), $"new {Deal(j)} 10k", Guid.NewGuid().ToString("N"))));
        var warmUp = Math.Max(4, 400 / users);
        await Task.WhenAll(Enumerable.Range(0, users).Select(async i =>
        {
            for (var k = 0; k < warmUp; k++)
            {
                await target.SayAsync(team, User(i), $"log {Deal(i % deals)} call \"warm-up {k}\"", Guid.NewGuid().ToString("N"));
            }
        }));

        var samples = new List<double>(calls);
        var failed = 0;
        var cpu = target.Cpu;
        var storageCpu = EmulatorCpu();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, users).Select(async i =>
        {
            for (var k = 0; k < calls / users; k++)
            {
                var text = command?.Invoke(Deal(i % deals), k) ?? $"log {Deal(i % deals)} call \"pricing ok, round {k} from {User(i)}\"";
                var trigger = Guid.NewGuid().ToString("N");
                if (redeliver)
                {
                    await target.SayAsync(team, User(i), text, trigger);
                }

                var watch = Stopwatch.StartNew();
                var reply = await target.SayAsync(team, User(i), text, trigger);
                var ms = watch.Elapsed.TotalMilliseconds;
                lock (samples)
                {
                    samples.Add(ms);
                    if (reply is null || !reply.StartsWith("Logged", StringComparison.Ordinal))
                    {
                        failed++;
                        Failures.Add(reply ?? "(HTTP error)");
                    }
                }
            }
        }));
        var seconds = wall.Elapsed.TotalSeconds;
        var commands = samples.Count * (redeliver ? 2 : 1);
        return new Run(samples, seconds, failed, (target.Cpu - cpu).TotalMilliseconds / commands)
        {
            StorageCpuMsPerCommand = (EmulatorCpu() - storageCpu).TotalMilliseconds / commands,
        };
    }

    /// <summary>
    /// The storage floor of a log: read the deal, then one ETag-conditional transaction (deal row, interaction row,
    /// operation row), retried on 412, issued directly, at the same concurrency on the same number of deals.
    /// </summary>
    public static async Task<Run> FloorAsync(string connectionString, int users, int deals, int calls)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("sidefloor" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        const string pk = "team";
        await Task.WhenAll(Enumerable.Range(0, deals).Select(j => table.AddEntityAsync(new TableEntity(pk, $"deal|{j:D5}") { ["Interactions"] = 0 })));
        var samples = new List<double>(calls);
        var storageCpu = EmulatorCpu();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, users).Select(async i =>
        {
            for (var k = 0; k < calls / users; k++)
            {
                var watch = Stopwatch.StartNew();
                while (true)
                {
                    var deal = (await table.GetEntityAsync<TableEntity>(pk, $"deal|{i % deals:D5}")).Value;
                    deal["Interactions"] = deal.GetInt32("Interactions")!.Value + 1;
                    try
                    {
                        await table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.UpdateReplace, deal, deal.ETag),
                            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(pk, $"h|{i % deals:D5}|{Guid.NewGuid():N}") { ["Kind"] = "call" }),
                            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(pk, $"op|{Guid.NewGuid():N}")),
                        ]);
                        break;
                    }
                    catch (TableTransactionFailedException e) when (e.Status == 412)
                    {
                    }
                }

                lock (samples)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }));
        var seconds = wall.Elapsed.TotalSeconds;
        var storageMs = (EmulatorCpu() - storageCpu).TotalMilliseconds / samples.Count;
        await table.DeleteAsync();
        return new Run(samples, seconds, 0, 0) { StorageCpuMsPerCommand = storageMs };
    }

    private static TimeSpan EmulatorCpu()
    {
        if (TeamsBench.EmulatorPid is not { } pid)
        {
            return TimeSpan.Zero;
        }

        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    /// <summary>Drops the tables whose names start with <paramref name="prefix"/>, so later benchmarks meet an emulator as empty as this one did.</summary>
    public static async Task DropTablesAsync(string connectionString, string prefix)
    {
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync(TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
        {
            await tables.DeleteTableAsync(table.Name);
        }
    }
}
