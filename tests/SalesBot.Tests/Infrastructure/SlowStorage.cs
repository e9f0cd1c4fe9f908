using Azure.Core;
using Azure.Core.Pipeline;

namespace SalesBot.Tests.Infrastructure;

/// <summary>Injected into the storage pipeline: every storage request takes <see cref="Delay"/> longer.</summary>
public sealed class SlowStorage : HttpPipelinePolicy
{
    public TimeSpan Delay { get; set; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await Task.Delay(Delay, message.CancellationToken);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Task.Delay(Delay, message.CancellationToken).GetAwaiter().GetResult();
        ProcessNext(message, pipeline);
    }
}
