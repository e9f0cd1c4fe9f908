using Microsoft.AspNetCore.Http;

namespace SalesBot.Tests.Infrastructure;

/// <summary>A fake server's "no answer": the request is held until the caller gives up or the fake stops.</summary>
internal static class Hang
{
    public static async Task UntilAbortedAsync(HttpContext http, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token);
        }
        catch (OperationCanceledException)
        {
            http.Abort();
        }
    }
}
