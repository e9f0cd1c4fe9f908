namespace SalesBot.Messaging;

/// <summary>Inbound bodies of the chat channels: read whole, but never more than 1 MiB, whatever Content-Length or chunking say.</summary>
internal static class RequestBody
{
    public const int MaxBytes = 1 << 20;

    /// <summary>The raw body; null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
