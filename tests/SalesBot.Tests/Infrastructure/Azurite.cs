using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SalesBot.Tests.Infrastructure;

/// <summary>
/// One in-memory Azurite Table service for the whole test run, on a free loopback port. Test classes share it and keep
/// apart through their own table prefix.
/// </summary>
public static class Azurite
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<Task<string>> Instance = new(StartAsync);
    private static Process? _process;

    /// <summary>The connection string of the shared emulator, started on first use.</summary>
    public static Task<string> ConnectionStringAsync() => Instance.Value;

    public static string ConnectionString(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>A loopback port nothing listens on: a store that is down.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An emulator of a test's own, persisting to <paramref name="folder"/>, so it can be stopped and started again.</summary>
    public static async Task<Process> StartOwnAsync(int port, string folder)
    {
        var process = Launch(port, ["--location", folder]);
        if (!await WaitForPortAsync(port, process))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("Azurite did not start.");
        }

        return process;
    }

    private static Process Launch(int port, string[] extra)
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> StartAsync()
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} missing). Run `npm ci` in {root}, or use ./test.sh.");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = ClosedPort();
            var info = new ProcessStartInfo("node")
            {
                ArgumentList =
                {
                    script, "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
                    "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await WaitForPortAsync(port, process))
            {
                _process = process;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
                return ConnectionString(port);
            }

            process.Kill(entireProcessTree: true);
        }

        throw new InvalidOperationException("Azurite did not start.");
    }

    private static async Task<bool> WaitForPortAsync(int port, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }

    private static void Stop()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SalesBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (SalesBot.sln) above " + AppContext.BaseDirectory);
    }
}
