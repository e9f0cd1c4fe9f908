using Microsoft.Extensions.Options;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Storage;

internal static class StorageExtensions
{
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<TableStorage>();
        services.AddSingleton<DealCache>();
        services.AddSingleton<SharedTransactions>();
        services.AddSingleton<IDealStore, TableDealStore>();
        services.AddSingleton<IUserDirectory, TableUserDirectory>();
        services.AddSingleton(new FeatureTable(TableTeamSettings.Table));
        services.AddSingleton<ITeamSettingsStore, TableTeamSettings>();
        services.AddHostedService<StorageStartup>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }
}

/// <summary>Exactly one way to reach storage: a connection string, or a table endpoint with a managed identity.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

/// <summary>Creates the tables at start-up; if storage is down the app still starts and reports not ready.</summary>
internal sealed class StorageStartup(TableStorage storage, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Storage: {Authentication}.", storage.Authentication);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            await storage.EnsureCreatedAsync(deadline.Token);
        }
        catch (StorageLayoutException e)
        {
            logger.LogCritical("{Problem}", e.Message);
            throw;
        }
        catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException)
        {
            logger.LogWarning("Storage is not reachable at start-up; tables will be created on first use. /readyz reports unhealthy until then.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
