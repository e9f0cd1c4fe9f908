using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SalesBot.Storage;

/// <summary>Readiness: storage answers within a second.</summary>
internal sealed class StorageHealthCheck(TableStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(1.5));
        return await storage.IsReachableAsync(deadline.Token)
            ? HealthCheckResult.Healthy("Table storage reachable.")
            : HealthCheckResult.Unhealthy("Table storage unreachable.");
    }
}
