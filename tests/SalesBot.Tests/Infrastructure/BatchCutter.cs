using Azure.Core;
using Azure.Core.Pipeline;

namespace SalesBot.Tests.Infrastructure;

/// <summary>
/// Injected into the storage pipeline: lets a number of transactions on the Deals table through, then fails every later
/// one as a cut link would.
/// </summary>
public sealed class BatchCutter(int allowed) : HttpPipelineSynchronousPolicy
{
    private int _left = allowed;

    public void Restore() => Interlocked.Exchange(ref _left, int.MaxValue);

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && RequestBodies.Contains(message.Request, "Deals") && Interlocked.Decrement(ref _left) < 0)
        {
            throw new HttpRequestException("The link to storage was cut.");
        }
    }
}
