using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// Teams round trip: a validated activity in, the reply posted to a fake Bot Connector. This program plays the Bot
/// Framework (OpenID metadata, keys, token endpoint, Connector) on loopback and runs SalesBot as a child process
/// against the local storage emulator (start it with ./run.sh, or any Azurite on 10002).
/// </summary>
internal static class TeamsBench
{
    private const string AppId = "6f3a1c2e-8a5b-4d7e-9c1f-2b3a4c5d6e7f";

    /// <summary>Processor time the bot used per command (timed advances and untimed backs) in the last run, in ms.</summary>
    public static double BotCpuMsPerCommand { get; private set; }

    /// <summary>Timed advances per second over the timed part of the last run (each user also sent an untimed back after each).</summary>
    public static double AdvancesPerSecond { get; private set; }

    /// <summary>The storage emulator's process, when known: its processor time per command is measured too.</summary>
    public static int? EmulatorPid { get; set; }

    /// <summary>Processor time the storage emulator used per command in the last run, in ms (0 when its process is unknown).</summary>
    public static double EmulatorCpuMsPerCommand { get; private set; }

    /// <summary>The peak working set (VmHWM) of the last run's bot process, in MiB.</summary>
    public static long PeakWorkingSetMiB { get; private set; }

    public static Task<List<double>> RunAsync(int calls, int concurrency, int fakePort, int botPort) =>
        RunAsync("teams", calls, concurrency, fakePort, botPort, null);

    /// <summary>Starts a bot (Release) and a fake Bot Framework, then times deal advance as a Teams activity or a signed Slack command.</summary>
    public static async Task<List<double>> RunAsync(string path, int calls, int concurrency, int fakePort, int botPort, string? storage)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench-key" };
        var replies = new ConcurrentDictionary<string, TaskCompletionSource>();
        var fake = WebApplication.CreateSlimBuilder();
        fake.WebHost.UseUrls($"http://127.0.0.1:{fakePort}");
        fake.Logging.ClearProviders();
        var app = fake.Build();
        var baseUrl = $"http://127.0.0.1:{fakePort}/";
        app.MapGet("/metadata", () => Results.Json(new { issuer = "https://api.botframework.com", jwks_uri = baseUrl + "keys" }));
        app.MapGet("/keys", () =>
        {
            var p = key.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent), endorsements = new[] { "msteams" } } } });
        });
        app.MapPost("/token", () => Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = "bench-outbound" }));
        app.MapPost("/amer/v3/conversations/{conversation}/activities/{id}", (string id) =>
        {
            if (replies.TryRemove(id, out var done))
            {
                done.TrySetResult();
            }

            return Results.Json(new { id = "1:" + id }, statusCode: 201);
        });
        await app.StartAsync();

        // Each run gets tables of its own, dropped afterwards, so every run (and the storage floor) starts from empty tables.
        var prefix = "b" + Guid.NewGuid().ToString("N")[..8];
        await using var bot = await BenchBot.StartAsync(botPort, storage,
        [
            "--Storage:TablePrefix=" + prefix, "--Teams:AppId=" + AppId, "--Teams:AppPassword=bench", "--Teams:TenantId=bench-tenant", $"--Teams:OpenIdMetadataUrl={baseUrl}metadata",
            $"--Teams:TokenEndpoint={baseUrl}token", "--Slack:SigningSecret=bench-signing-secret",
        ]);
        try
        {
            var http = bot.Http;
            var tenant = "bench-" + Guid.NewGuid().ToString("N")[..8];

            // Like the Bot Framework, send one token (valid for an hour) with every activity rather than signing one each time.
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "https://api.botframework.com",
                Audience = AppId,
                Expires = DateTime.UtcNow.AddHours(1),
                Subject = new ClaimsIdentity([new Claim("serviceurl", baseUrl + "amer/")]),
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            });
            var next = 0;
            async Task<double> SayAsync(string user, string text)
            {
                if (path == "slack")
                {
                    return await SlackAsync(http, tenant, user, text);
                }

                var id = Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                replies[id] = done;
                var activity = new
                {
                    type = "message",
                    id,
                    channelId = "msteams",
                    serviceUrl = baseUrl + "amer/",
                    text,
                    from = new { id = "29:" + user, name = user, aadObjectId = user },
                    recipient = new { id = "28:" + AppId, name = "SalesBot" },
                    conversation = new { id = "a:" + user, conversationType = "personal", tenantId = tenant },
                };
                var watch = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
                request.Headers.Authorization = new("Bearer", token);
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
                return watch.Elapsed.TotalMilliseconds;
            }

            var samples = new List<double>();
            var users = Enumerable.Range(0, concurrency).Select(w => (User: $"bench-user-{w}", Deal: $"\"Teams Bench {w}\"")).ToArray();
            await Task.WhenAll(users.Select(async u =>
            {
                await SayAsync(u.User, $"deal new {u.Deal} 10k");
                // Warm up with at least 1,000 commands in all, so the timed part runs on optimised (tier-1) code.
                for (var i = 0; i < Math.Max(10, 500 / concurrency); i++)
                {
                    await SayAsync(u.User, $"deal advance {u.Deal}");
                    await SayAsync(u.User, $"deal back {u.Deal}");
                }
            }));

            var cpuAtStart = bot.ProcessorTime;
            var emulatorAtStart = EmulatorCpu();
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(users.Select(async u =>
            {
                for (var i = 0; i < calls / concurrency; i++)
                {
                    var ms = await SayAsync(u.User, $"deal advance {u.Deal}");
                    lock (samples)
                    {
                        samples.Add(ms);
                    }

                    await SayAsync(u.User, $"deal back {u.Deal}");
                }
            }));
            AdvancesPerSecond = samples.Count / wall.Elapsed.TotalSeconds;
            BotCpuMsPerCommand = (bot.ProcessorTime - cpuAtStart).TotalMilliseconds / (2.0 * samples.Count);
            EmulatorCpuMsPerCommand = (EmulatorCpu() - emulatorAtStart).TotalMilliseconds / (2.0 * samples.Count);
            PeakWorkingSetMiB = bot.PeakMiB();
            return samples;
        }
        finally
        {
            await app.StopAsync();
            var tables = new Azure.Data.Tables.TableServiceClient(storage ?? "UseDevelopmentStorage=true");
            var mine = Azure.Data.Tables.TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}");
            await foreach (var table in tables.QueryAsync(mine))
            {
                await tables.DeleteTableAsync(table.Name);
            }
        }
    }

    private static TimeSpan EmulatorCpu()
    {
        if (EmulatorPid is not { } pid)
        {
            return TimeSpan.Zero;
        }

        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    private static async Task<double> SlackAsync(HttpClient http, string team, string user, string text)
    {
        var form = string.Join('&', new Dictionary<string, string>
        {
            ["team_id"] = team,
            ["channel_id"] = "C1",
            ["user_id"] = user.ToUpperInvariant().Replace("-", "", StringComparison.Ordinal),
            ["user_name"] = user,
            ["command"] = "/deal",
            ["text"] = text.StartsWith("deal ", StringComparison.Ordinal) ? text[5..] : text,
            ["response_url"] = "",
            ["trigger_id"] = Guid.NewGuid().ToString("N"),
        }.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/commands")
        {
            Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SalesBot.Slack.SlackSignature.Sign("bench-signing-secret", timestamp, System.Text.Encoding.UTF8.GetBytes(form)));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return watch.Elapsed.TotalMilliseconds;
    }
}
