using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Messaging;

namespace SalesBot.Tests.Infrastructure;

/// <summary>
/// The real app in process, on its own tables in the shared Azurite (or on a given connection string), with a fake
/// clock. Only what cannot run here is swapped.
/// </summary>
public sealed class SalesBotApp : WebApplicationFactory<Program>
{
    /// <summary>Friday 27 November 2026, 10:00 in Copenhagen.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private SalesBotApp(string connectionString, Dictionary<string, string?> settings, string environment, Action<IServiceCollection>? services = null, string? tablePrefix = null)
    {
        _connectionString = connectionString;
        _settings = settings;
        _services = services;
        Environment = environment;
        TablePrefix = tablePrefix ?? "t" + Guid.NewGuid().ToString("N")[..16];
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public string TablePrefix { get; }

    public string Environment { get; }

    /// <param name="tablePrefix">Share storage with another app (another instance of the same installation).</param>
    public static async Task<SalesBotApp> StartAsync(
        Dictionary<string, string?>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null, string? tablePrefix = null)
    {
        var app = new SalesBotApp(await Azurite.ConnectionStringAsync(), settings ?? [], environment, services, tablePrefix);
        _ = app.Server;
        return app;
    }

    /// <summary>An app whose storage does not answer: a loopback port with nothing behind it.</summary>
    public static SalesBotApp WithStorageDown()
    {
        var app = new SalesBotApp(Azurite.ConnectionString(Azurite.ClosedPort()), [], "Development");
        _ = app.Server;
        return app;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Sends text as a user through <c>POST /api/dev/messages</c> and returns the reply.</summary>
    internal async Task<Reply> SayAsync(string text, string user = "u-ann", string userName = "Ann", string tenant = "t1", string? id = null, string? locale = null)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/dev/messages", new { tenant, user, userName, text, id, locale }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Reply>(Json))!;
    }

    /// <summary>
    /// Moves the app's clock on in <paramref name="step"/>s until <paramref name="work"/> completes: retry delays and
    /// timeouts inside the app wait on that clock. Between steps the work gets the processor; it ends the wait the moment
    /// it completes.
    /// </summary>
    public async Task AdvanceUntilAsync(Task work, TimeSpan step, int maxSteps = 2000)
    {
        for (var i = 0; i < maxSteps && !work.IsCompleted; i++)
        {
            Clock.Advance(step);
            await Task.WhenAny(work, Task.Delay(10));
        }

        await work.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Moves the clock on until every message the app accepted is answered and marked handled.</summary>
    public Task AdvanceUntilIdleAsync(TimeSpan step) => AdvanceUntilAsync(Service<SalesBot.Messaging.InboundPipeline>().WhenIdleAsync(), step);

    /// <summary>A click on a button of an earlier reply, as the dev page sends it.</summary>
    internal async Task<Reply> ClickAsync(ReplyButton button, string user, string userName, string tenant)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/dev/messages", new { tenant, user, userName, text = button.Command, offeredTo = button.OfferedTo }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Reply>(Json))!;
    }

    /// <summary>
    /// Shutting down waits on the app's own clock (HTTP resilience pipelines drain in-flight calls with timeouts), so the
    /// fake clock keeps moving until disposal is done.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        using var disposed = new CancellationTokenSource();
        var clock = Task.Run(async () =>
        {
            while (!disposed.IsCancellationRequested)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10, CancellationToken.None);
            }
        });
        await base.DisposeAsync();
        await disposed.CancelAsync();
        await clock;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _connectionString,
            ["Storage:TablePrefix"] = TablePrefix,
            ["Tenants:Defaults:Managers:0"] = "u-maria",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests drive the stall scanner themselves, so no timer races them.
            ["Reminders:BackgroundScan"] = "false",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }
}
