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
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && OnDeals(message.Request) && Interlocked.Decrement(ref _left) < 0)
        {
            throw new HttpRequestException("The link to storage was cut.");
        }
    }

    private static bool OnDeals(Request request)
    {
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains("Deals", StringComparison.Ordinal);
    }
}
