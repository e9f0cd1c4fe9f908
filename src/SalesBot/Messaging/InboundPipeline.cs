using System.Collections.Concurrent;

namespace SalesBot.Messaging;

/// <summary>One delivery from a chat platform: its team, channel, the platform's id for it, and what a replay needs.</summary>
internal sealed record Delivery(string Tenant, string Channel, string Id, string Payload);

/// <summary>
/// The one way in for every channel. A delivery is recorded in the <see cref="Inbox"/> before the platform hears it
/// arrived (<see cref="AcceptAsync"/>); it is then handled in tracked background work: the channel reads it into a
/// message, the dispatcher answers, the channel renders and sends, and the delivery is marked handled. One whose
/// handling stops half-way stays pending and is handled again by <see cref="InboxReplay"/>. Background work is
/// tracked: <see cref="WhenIdleAsync"/> waits for it, and shutdown drains it.
/// </summary>
internal sealed class InboundPipeline(Inbox inbox, MessageDispatcher dispatcher, IHostApplicationLifetime lifetime, ILogger<InboundPipeline> logger) : IHostedService, IDisposable
{
    /// <summary>Deliveries handled at once; more wait their turn (the platform has its answer already).</summary>
    private const int MaxConcurrent = 16;

    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly SemaphoreSlim _slots = new(MaxConcurrent, MaxConcurrent);

    /// <summary>Records the delivery; false for a redelivery, which must not be handled again.</summary>
    public Task<bool> AcceptAsync(Delivery delivery, CancellationToken ct) =>
        inbox.TryClaimAsync(delivery.Tenant, delivery.Channel, delivery.Id, ct, delivery.Payload);

    /// <summary>Handles an accepted delivery in the background, then marks it handled.</summary>
    public void Start(Delivery delivery, Func<CancellationToken, Task> handle) =>
        Track(async () =>
        {
            await _slots.WaitAsync(lifetime.ApplicationStopping);
            try
            {
                await RunAsync(delivery, handle);
            }
            finally
            {
                _slots.Release();
            }
        }, delivery.Channel);

    /// <summary>
    /// Handles a delivery now (a replay), then marks it handled; a failure leaves it pending and reaches the caller. The
    /// work is tracked like background work, so <see cref="WhenIdleAsync"/> covers replays too.
    /// </summary>
    public Task HandleAsync(Delivery delivery, Func<CancellationToken, Task> handle)
    {
        var task = RunAsync(delivery, handle);
        Watch(task);
        return task;
    }

    private async Task RunAsync(Delivery delivery, Func<CancellationToken, Task> handle)
    {
        var ct = lifetime.ApplicationStopping;
        await handle(ct);
        await inbox.DoneAsync(delivery.Tenant, delivery.Channel, delivery.Id, ct);
    }

    /// <summary>Work that belongs to no recorded delivery (a late slash-command answer, a welcome): tracked all the same.</summary>
    public void Start(string channel, Func<CancellationToken, Task> work) => Track(() => work(lifetime.ApplicationStopping), channel);

    /// <summary>The answer to a message, handed to the channel to render and send.</summary>
    public async Task AnswerAsync(IncomingMessage message, Func<Reply, CancellationToken, Task> send, CancellationToken ct) =>
        await send(await dispatcher.HandleAsync(message, ct), ct);

    /// <summary>Completes when no background work is left (work started meanwhile is waited for too).</summary>
    public async Task WhenIdleAsync()
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Shutdown waits for work in hand, within the host's shutdown timeout; what is cut off is replayed later.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WhenIdleAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopped with {Count} deliveries still being handled; they are replayed from the inbox.", _running.Count);
        }
    }

    public void Dispose() => _slots.Dispose();

    private void Track(Func<Task> work, string channel)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e) when (!(e is OperationCanceledException && lifetime.ApplicationStopping.IsCancellationRequested))
            {
                logger.LogError(e, "{Channel} background work failed.", channel);
            }
        });
        Watch(task);
    }

    private void Watch(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
