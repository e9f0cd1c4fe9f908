using System.Diagnostics;
using System.Net;
using System.Text;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Hosting;

/// <summary>
/// What production runs: the published output (scripts/publish.sh, which the test command runs first), started with
/// `dotnet SalesBot.dll` in Production with environment variables only, against the storage emulator. Slack and the
/// Bot Framework are fakes on loopback.
/// </summary>
public sealed class PublishedAppTests : IAsyncLifetime
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
    private FakeBotFramework _bf = null!;
    private FakeSlack _slack = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _slack = await FakeSlack.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bf.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task The_published_app_runs_in_production_from_environment_variables_and_answers_slack_and_teams()
    {
        var dll = Path.Combine(Root, "artifacts/publish/SalesBot.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: run scripts/publish.sh (./test.sh does it first).");
        var port = Azurite.ClosedPort();
        var output = new StringBuilder();
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.Environment.Clear();
        foreach (var inherited in new[] { "PATH", "HOME", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(inherited) is { } value)
            {
                start.Environment[inherited] = value;
            }
        }

        var settings = new Dictionary<string, string?>(_bf.Settings())
        {
            ["Storage:ConnectionString"] = await Azurite.ConnectionStringAsync(),
            ["Storage:TablePrefix"] = "pub" + Guid.NewGuid().ToString("N")[..8],
            ["Slack:SigningSecret"] = SlackRequests.Secret,
            ["Slack:BotToken"] = "xoxb-published",
            ["Slack:ApiBaseUrl"] = _slack.ApiUrl.ToString(),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ReadyAsync(http, process, output);

            using var command = await http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm("new Published Co 10k"), "application/x-www-form-urlencoded", DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
            Assert.Contains("Created Published Co", await command.Content.ReadAsStringAsync());

            using var activity = FakeBotFramework.Post(_bf.PersonalMessage("deal help", "published-1"), "Bearer " + _bf.Token(DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(activity)).StatusCode);
            Assert.Contains("SalesBot deal commands", (await _bf.NextAsync()).Body);

            using var unsigned = FakeBotFramework.Post(_bf.PersonalMessage("deal help", "published-2"), "Bearer forged");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(unsigned)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        string log;
        lock (output)
        {
            log = output.ToString();
        }

        Assert.Contains("Storage: a connection string.", log);
        Assert.DoesNotContain("xoxb-published", log);
        Assert.DoesNotContain(SlackRequests.Secret, log);
    }

    /// <summary>Waits for the process to answer /readyz (it has to start a runtime and create its tables).</summary>
    private static async Task ReadyAsync(HttpClient http, Process process, StringBuilder output)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            Assert.False(process.HasExited, "SalesBot exited at start-up:\n" + output);
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail("SalesBot did not become ready within 30 s:\n" + output);
    }
}
