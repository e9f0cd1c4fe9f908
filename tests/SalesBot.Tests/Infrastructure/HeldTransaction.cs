using Azure.Core;
using Azure.Core.Pipeline;

namespace SalesBot.Tests.Infrastructure;

/// <summary>
/// Holds the first transaction after <see cref="Arm"/> (the first whose body holds <paramref name="marker"/>, when given)
/// until <see cref="Release"/>; counts transactions (those on <paramref name="table"/>, when given) from then on.
/// </summary>
public sealed class HeldTransaction(string? marker = null, string? table = null) : HttpPipelinePolicy
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _batches;
    private int _held;
    private volatile bool _armed;

    public Task Started => _started.Task;

    public int Batches => Volatile.Read(ref _batches);

    public void Arm() => _armed = true;

    public void Release() => _release.TrySetResult();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The store only calls storage asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (_armed && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && (table is null || RequestBodies.Contains(message.Request, "/" + table + "(")))
        {
            Interlocked.Increment(ref _batches);
            if ((marker is null || RequestBodies.Contains(message.Request, marker)) && Interlocked.Exchange(ref _held, 1) == 0)
            {
                _started.TrySetResult();
                await _release.Task;
            }
        }

        await ProcessNextAsync(message, pipeline);
    }
}
