using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Storage requests per command: a SalesBot process reaches the storage emulator through a counting proxy on loopback,
/// and each verb is sent as a signed Slack command twice, cold (the first time this process sees the deal, the person
/// and the team) and warm (the same command again at once). Each request is classified as the service bills it: a
/// point read, a query (each page one request), an entity-group transaction (one request however many rows), a write.
/// </summary>
internal static partial class RequestBench
{
    [GeneratedRegex(@"^/[^/]+/(?<table>[A-Za-z0-9]+?)(?<key>\(.*\))?$")]
    private static partial Regex TablePath();

    public sealed record Count(string Kind, string Table);

    /// <summary>The verbs measured, each with the words a rep types; <c>{deal}</c> is the deal's name, quoted.</summary>
    private static readonly (string Label, string Text)[] Verbs =
    [
        ("new", "new {fresh} 25k mid close 20 feb 2027"),
        ("show", "show {deal}"),
        ("log", "log {deal} call \"pricing ok\""),
        ("note", "note {deal} CFO wants the contract in English"),
        ("advance", "advance {deal}"),
        ("back", "back {deal}"),
        ("next", "next {deal} in 2 weeks demo for the CFO"),
        ("set amount", "set {deal} amount 30k"),
        ("snooze", "snooze {deal} 3d waiting for budget"),
        ("won", "won {deal} signed"),
        ("reopen", "reopen {deal}"),
        ("list mine", "list mine"),
        ("pipeline", "pipeline this quarter mine"),
    ];

    public static async Task<string> RunAsync(string storage, int proxyPort, int botPort)
    {
        var emulator = StorageEndpoint(storage);
        var counts = new List<Count>();
        var counting = false;
        var lastSeen = System.Diagnostics.Stopwatch.GetTimestamp();
        using var upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None });
        var proxy = WebApplication.CreateSlimBuilder();
        proxy.WebHost.UseUrls($"http://127.0.0.1:{proxyPort}");
        proxy.Logging.ClearProviders();
        var app = proxy.Build();
        app.Run(async context =>
        {
            var request = context.Request;
            Volatile.Write(ref lastSeen, System.Diagnostics.Stopwatch.GetTimestamp());
            var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (counting)
            {
                var count = Classify(request.Method, request.Path.Value ?? "");
                if (count.Kind == "transaction")
                {
                    // The rows of a transaction: one request line per row in its change set.
                    var rows = Regex.Count(Encoding.UTF8.GetString(body.ToArray()), @"^(POST|PUT|MERGE|PATCH|DELETE) http", RegexOptions.Multiline);
                    count = count with { Kind = $"transaction ({rows} rows)" };
                }

                lock (counts)
                {
                    counts.Add(count);
                }
            }

            // The request target exactly as sent: the shared-key signature covers the path as the client encoded it.
            var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(emulator.GetLeftPart(UriPartial.Authority) + target, UriKind.Absolute));
            forward.Content = new ByteArrayContent(body.ToArray());
            foreach (var (name, values) in request.Headers)
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                {
                    forward.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }

            using var response = await upstream.SendAsync(forward);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();
        var proxied = storage.Replace(emulator.GetLeftPart(UriPartial.Authority), $"http://127.0.0.1:{proxyPort}", StringComparison.Ordinal);
        try
        {
            // Deals made by one process; counted in a second one, whose caches know nothing of them yet.
            var prefix = "req" + Guid.NewGuid().ToString("N")[..6];
            var team = "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
            const string user = "U0REQBENCH";
            var deals = Verbs.Select((_, i) => $"\"Request Bench {i}\"").ToArray();
            // A second process, straight to the emulator, prepares what a command needs without warming the measured one.
            await using var makerBot = await BenchBot.StartAsync(botPort + 1, storage, ["--Storage:TablePrefix=" + prefix, "--Slack:SigningSecret=" + SideBench.Secret]);
            var maker = SideBench.StartSalesBot(makerBot, botPort + 1);
            foreach (var deal in deals)
            {
                await maker.SayAsync(team, user, $"new {deal} 10k", Guid.NewGuid().ToString("N"));
            }

            await using var bot = await BenchBot.StartAsync(botPort, proxied, ["--Storage:TablePrefix=" + prefix, "--Slack:SigningSecret=" + SideBench.Secret]);
            var measured = SideBench.StartSalesBot(bot, botPort);
            var report = new StringBuilder();
            report.AppendLine("| command | cold: requests | cold: what | warm: requests | warm: what |");
            report.AppendLine("|---|---|---|---|---|");
            for (var i = 0; i < Verbs.Length; i++)
            {
                var (label, text) = Verbs[i];
                var cells = new List<string>();
                foreach (var round in new[] { "cold", "warm" })
                {
                    var words = text.Replace("{deal}", deals[i], StringComparison.Ordinal)
                        .Replace("{fresh}", $"\"Fresh Deal {round}\"", StringComparison.Ordinal);
                    // What the command needs first, uncounted: a stage to go back from, a closed deal to reopen, an open one to win.
                    var before = (label, round) switch
                    {
                        ("back", _) => "advance",
                        ("reopen", _) => "won",
                        ("won", "warm") => "reopen",
                        _ => null,
                    };
                    if (before is not null)
                    {
                        await (round == "cold" ? maker : measured).SayAsync(team, user, $"{before} {deals[i]}", Guid.NewGuid().ToString("N"));
                    }

                    await QuietAsync();
                    counts.Clear();
                    counting = true;
                    var reply = await measured.SayAsync(team, user, words, Guid.NewGuid().ToString("N"));
                    // Work the command started after answering (nudge index, feed, home, the lists and sums it found
                    // out of date) is counted with it: the count ends once storage has been quiet for 300 ms.
                    await QuietAsync();
                    counting = false;
                    Console.WriteLine($"{label} ({round}): {reply?.Split('\n')[0]}");
                    cells.Add(counts.Count.ToString(CultureInfo.InvariantCulture));
                    cells.Add(string.Join(", ", counts.GroupBy(c => $"{c.Kind} {c.Table}".TrimEnd()).Select(g => g.Count() == 1 ? g.Key : $"{g.Count()}× {g.Key}")));
                }

                report.AppendLine(CultureInfo.InvariantCulture, $"| `{text.Replace("{deal}", "<deal>", StringComparison.Ordinal).Replace("{fresh}", "<name>", StringComparison.Ordinal)}` | {string.Join(" | ", cells)} |");
            }

            Console.Write(report);
            return report.ToString();

            async Task QuietAsync()
            {
                while (System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref lastSeen)) < TimeSpan.FromMilliseconds(300))
                {
                    await Task.Delay(50);
                }
            }
        }
        finally
        {
            await app.StopAsync();
            await SideBench.DropTablesAsync(storage, "req");
        }
    }

    private static Count Classify(string method, string path)
    {
        var match = TablePath().Match(path);
        var table = match.Success ? match.Groups["table"].Value : path;
        table = Regex.Replace(table, "^req[0-9a-f]{6}", "");
        var kind = (method, path.EndsWith("$batch", StringComparison.Ordinal), match.Groups["key"].Success) switch
        {
            (_, true, _) => "transaction",
            ("GET", _, true) when match.Groups["key"].Value.Contains("RowKey=", StringComparison.Ordinal) => "point read",
            ("GET", _, _) => "query",
            ("POST", _, false) when table == "Tables" => "create table",
            _ => "write",
        };
        return new Count(kind, path.EndsWith("$batch", StringComparison.Ordinal) ? "" : table);
    }

    private static Uri StorageEndpoint(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return new Uri(parts["TableEndpoint"]);
    }
}
