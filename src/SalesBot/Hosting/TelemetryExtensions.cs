using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SalesBot.Diagnostics;
using SalesBot.Health;

namespace SalesBot.Hosting;

internal static class TelemetryExtensions
{
    public const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry: ASP.NET Core, HttpClient, the Azure SDK's own sources and
    /// SalesBot's (<see cref="Telemetry"/>). Exported to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
    /// is set, else over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is, else nowhere.
    /// </summary>
    public static WebApplicationBuilder AddSalesBotTelemetry(this WebApplicationBuilder builder)
    {
        // The Azure SDK emits its spans only with this switch (the Azure Monitor distribution sets it too).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(Telemetry.Name, serviceVersion: AppVersion.Current))
            .WithTracing(t => t.AddSource(Telemetry.Name, "Azure.*").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation(o =>
                // A Slack response_url is a capability (anyone holding it may answer in the channel): its path stays out.
                o.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    if (request.RequestUri is { Host: "hooks.slack.com" } uri)
                    {
                        activity.SetTag("url.full", $"{uri.Scheme}://{uri.Host}/…");
                    }
                }))
            .WithMetrics(m => m.AddMeter(Telemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithLogging();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[AzureMonitorKey]))
        {
            otel.UseAzureMonitor();
        }
        else if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpKey]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
