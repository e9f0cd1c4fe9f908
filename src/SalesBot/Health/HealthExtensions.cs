using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SalesBot.Health;

internal static class HealthExtensions
{
    /// <summary>
    /// <c>/healthz</c>: the process runs. <c>/readyz</c>: it can serve, storage included. Both answer
    /// <c>{"status": "Healthy", "version": "0.9.0+…"}</c>, so an admin sees which build is running.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        return app;
    }

    private static readonly JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        // Only our own status and version go out: no escaping of "+" needed, so the version reads as built.
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), version = AppVersion.Current }, Plain));
    }
}
