using Azure.Core;

namespace SalesBot.Tests.Infrastructure;

/// <summary>What a storage request about to be sent holds, for policies that pick the requests they act on.</summary>
public static class RequestBodies
{
    public static bool Contains(Request request, string text)
    {
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains(text, StringComparison.Ordinal);
    }
}
