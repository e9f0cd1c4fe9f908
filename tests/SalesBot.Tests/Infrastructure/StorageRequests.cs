using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SalesBot.Tests.Infrastructure;

/// <summary>Injected into the storage pipeline: records every storage request (method and path) it lets through.</summary>
public sealed class StorageRequests : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _seen = new();

    /// <summary>The requests since the last <see cref="Clear"/>, as "GET /account/Deals(…)" or "POST /account/$batch".</summary>
    public IReadOnlyList<string> Seen => [.. _seen];

    public void Clear() => _seen.Clear();

    public override void OnSendingRequest(HttpMessage message) =>
        _seen.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.Path)}");
}
