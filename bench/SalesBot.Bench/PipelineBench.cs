using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// Reads against a big team through the dev endpoint of a running SalesBot: <c>pipeline this quarter</c> as a manager,
/// and <c>deal show</c> of a random open deal by its whole name and by its one unique word.
/// </summary>
internal static class PipelineBench
{
    /// <summary>Makes the benchmark's user the team's first manager, so it may read every deal and the team's pipeline.</summary>
    public static Task BecomeManagerAsync(HttpClient http, string tenant) => SayAsync(http, tenant, "config managers add @bench", "Bench");

    /// <summary>Times <c>pipeline this quarter</c>, <paramref name="runs"/> times after 2 warm-up runs.</summary>
    public static async Task<List<double>> PipelineAsync(HttpClient http, string tenant, int runs)
    {
        var samples = new List<double>();
        for (var i = 0; i < runs + 2; i++)
        {
            var watch = Stopwatch.StartNew();
            await SayAsync(http, tenant, "pipeline this quarter", "Pipeline");
            if (i >= 2)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return samples;
    }

    /// <summary>Times <c>deal show</c> of <paramref name="count"/> random open deals, by whole name or by unique word.</summary>
    public static async Task<List<double>> LookupAsync(HttpClient http, string tenant, IReadOnlyList<string> openNames, bool byWord, int count, int seed)
    {
        var random = new Random(seed);
        var samples = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var name = openNames[random.Next(openNames.Count)];
            var reference = byWord ? name.Split(' ')[^1] : $"\"{name}\"";
            var watch = Stopwatch.StartNew();
            await SayAsync(http, tenant, "deal show " + reference, name);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        return samples;
    }

    private static async Task SayAsync(HttpClient http, string tenant, string text, string expected)
    {
        using var response = await http.PostAsJsonAsync("/api/dev/messages", new { tenant, user = "bench", userName = "Bench", text });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reply = json.GetProperty("text").GetString()!;
        if (json.GetProperty("isError").GetBoolean() || !reply.StartsWith(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected reply to '{text}': {reply}");
        }
    }
}
