using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SalesBot.Diagnostics;

/// <summary>
/// SalesBot's own traces and metrics (OpenTelemetry names: dotted, lowercase, units apart). Attributes never carry a
/// person's id, name or text; a team id and a verb are as far as they go. Exported as Hosting/TelemetryExtensions says.
/// </summary>
internal static class Telemetry
{
    public const string Name = "SalesBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Commands handled; attributes <c>salesbot.verb</c> and <c>salesbot.outcome</c> (ok, refused, storage_unavailable, failed).</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("salesbot.commands", "{command}", "Commands handled");

    public static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("salesbot.command.duration", "s", "Time to answer a command");

    /// <summary>Conditional deal writes that met a newer version and were decided again.</summary>
    public static readonly Counter<long> StorageConflicts = Meter.CreateCounter<long>("salesbot.storage.conflicts", "{conflict}", "Deal writes that met a newer version");

    /// <summary>Storage calls retried by the storage client.</summary>
    public static readonly Counter<long> StorageRetries = Meter.CreateCounter<long>("salesbot.storage.retries", "{retry}", "Storage requests retried");

    /// <summary>Stall nudges; attribute <c>salesbot.result</c>: claimed, sent, failed.</summary>
    public static readonly Counter<long> Nudges = Meter.CreateCounter<long>("salesbot.nudges", "{nudge}", "Stall nudges claimed, sent or failed");

    public static readonly Counter<long> InboxReplays = Meter.CreateCounter<long>("salesbot.inbox.replays", "{delivery}", "Interrupted deliveries handled again");

    /// <summary>429 answers from a chat platform; attribute <c>salesbot.channel</c>.</summary>
    public static readonly Counter<long> ChannelThrottled = Meter.CreateCounter<long>("salesbot.channel.throttled", "{response}", "429 answers from Slack or the Bot Connector");

    /// <summary>Counts a platform's 429 answers, per attempt (it sits inside the retry handler).</summary>
    public sealed class ThrottleCounter(string channel) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode == 429)
            {
                ChannelThrottled.Add(1, new KeyValuePair<string, object?>("salesbot.channel", channel));
            }

            return response;
        }
    }
}
