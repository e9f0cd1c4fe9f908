using System.Diagnostics;

/// <summary>A SalesBot process (the Release build next to this program) on a loopback port, for one benchmark.</summary>
internal sealed class BenchBot : IAsyncDisposable
{
    private readonly Process _process;

    private BenchBot(Process process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public HttpClient Http { get; }

    /// <summary>The bot's process.</summary>
    public Process Process => _process;

    /// <summary>Starts the bot with the given settings and waits until <c>/readyz</c> answers 200.</summary>
    public static async Task<BenchBot> StartAsync(int port, string? storage, IEnumerable<string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SalesBot.dll"));
        foreach (var arg in new[] { "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Error", "--Reminders:BackgroundScan=false",
                     "--Storage:ConnectionString=" + (storage ?? "UseDevelopmentStorage=true") }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var bot = new BenchBot(Process.Start(start)!, port);
        for (var i = 0; i < 100 && !await bot.ReadyAsync(); i++)
        {
            await Task.Delay(100);
        }

        return bot;
    }

    /// <summary>The processor time the bot process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The process's peak working set so far (VmHWM), in MiB.</summary>
    public long PeakMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        _process.Dispose();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ReadyAsync()
    {
        try
        {
            return (await Http.GetAsync("/readyz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
