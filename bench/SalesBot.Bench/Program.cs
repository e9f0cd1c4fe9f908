using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

// Latency of `deal advance` through POST /api/dev/messages against a running SalesBot (./run.sh).
// Usage: dotnet run -c Release --project bench/SalesBot.Bench -- [--url http://localhost:3978] [--calls 200]
var url = Arg("--url") ?? "http://localhost:3978";
var calls = int.Parse(Arg("--calls") ?? "200", CultureInfo.InvariantCulture);
var tenant = "bench-" + Guid.NewGuid().ToString("N")[..8];
using var http = new HttpClient { BaseAddress = new Uri(url) };

var created = await Say("deal new \"Bench Deal\" 10k");
var id = created.GetProperty("text").GetString()!.Split('(', ')')[1];
for (var i = 0; i < 20; i++)
{
    await Say($"deal advance {id}");
    await Say($"deal back {id}");
}

var samples = new List<double>(calls);
for (var i = 0; i < calls; i++)
{
    var watch = Stopwatch.StartNew();
    var reply = await Say($"deal advance {id}");
    samples.Add(watch.Elapsed.TotalMilliseconds);
    if (reply.GetProperty("isError").GetBoolean())
    {
        throw new InvalidOperationException("Unexpected reply: " + reply.GetProperty("text").GetString());
    }

    await Say($"deal back {id}");
}

samples.Sort();
Console.WriteLine(FormattableString.Invariant(
    $"deal advance via /api/dev/messages, {calls} calls, concurrency 1: median {Pct(50):F1} ms, p90 {Pct(90):F1} ms, p99 {Pct(99):F1} ms, min {samples[0]:F1} ms, max {samples[^1]:F1} ms"));

double Pct(double p) => samples[(int)Math.Min(samples.Count - 1, Math.Ceiling(p / 100 * samples.Count) - 1)];

async Task<JsonElement> Say(string text)
{
    using var response = await http.PostAsJsonAsync("/api/dev/messages", new { tenant, user = "bench", userName = "Bench", text });
    response.EnsureSuccessStatusCode();
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
