using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Hosting;

/// <summary>A command leaves a span and counts in the telemetry, without a person's name or text in it.</summary>
public class TelemetryTests
{
    [Fact]
    public async Task A_command_is_traced_and_counted_by_verb_and_outcome()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var app = await SalesBotApp.StartAsync(services: s =>
        {
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        var tenant = AppFixture.NewTenant();

        await app.SayAsync("deal new \"Telemetry Ltd\" 10k", "u-ann", "Ann Berg", tenant);
        await app.SayAsync("deal advance \"Nothing Called This\"", "u-ann", "Ann Berg", tenant);
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Activity[] ours;
        lock (spans)
        {
            ours = spans.Where(a => (string?)a.GetTagItem("salesbot.tenant") == tenant).ToArray();
        }

        var created = Assert.Single(ours, a => a.DisplayName == "command NewDeal");
        Assert.Equal("ok", created.GetTagItem("salesbot.outcome"));
        Assert.Equal("refused", Assert.Single(ours, a => a.DisplayName == "command AdvanceDeal").GetTagItem("salesbot.outcome"));
        Assert.All(ours.SelectMany(a => a.Tags), tag => Assert.DoesNotContain("Ann", tag.Value, StringComparison.Ordinal));
        Assert.All(ours.SelectMany(a => a.Tags), tag => Assert.DoesNotContain("Telemetry Ltd", tag.Value, StringComparison.Ordinal));

        var commands = metrics.Last(m => m.Name == "salesbot.commands");
        var counted = new List<(string? Verb, string? Outcome, long Count)>();
        foreach (ref readonly var point in commands.GetMetricPoints())
        {
            string? verb = null, outcome = null;
            foreach (var tag in point.Tags)
            {
                verb = tag.Key == "salesbot.verb" ? (string?)tag.Value : verb;
                outcome = tag.Key == "salesbot.outcome" ? (string?)tag.Value : outcome;
            }

            counted.Add((verb, outcome, point.GetSumLong()));
        }

        Assert.Contains(counted, c => c is { Verb: "NewDeal", Outcome: "ok", Count: >= 1 });
        Assert.Contains(counted, c => c is { Verb: "AdvanceDeal", Outcome: "refused", Count: >= 1 });
        Assert.Contains(metrics, m => m.Name == "salesbot.command.duration" && m.Unit == "s");
    }
}
