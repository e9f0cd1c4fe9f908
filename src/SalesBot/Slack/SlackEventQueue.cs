using System.Threading.Channels;

namespace SalesBot.Slack;

/// <summary>Events acknowledged to Slack and waiting to be handled; HTTP and Socket Mode both feed it.</summary>
internal sealed class SlackEventQueue
{
    private readonly Channel<EventEnvelope> _channel = Channel.CreateBounded<EventEnvelope>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(EventEnvelope envelope) => _channel.Writer.TryWrite(envelope);

    public IAsyncEnumerable<EventEnvelope> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>Handles queued events, a few at a time, so a slow one does not hold up the rest.</summary>
internal sealed class SlackEventWorker(SlackEventQueue queue, SlackBot bot, ILogger<SlackEventWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
            async (envelope, ct) =>
            {
                try
                {
                    await bot.HandleEventAsync(envelope, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(e, "Slack event {EventId} failed.", envelope.EventId);
                }
            });
}
