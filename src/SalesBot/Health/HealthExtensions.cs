using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace SalesBot.Health;

internal static class HealthExtensions
{
    /// <summary><c>/healthz</c>: the process runs. <c>/readyz</c>: it can serve, storage included.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}
