using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SalesBot.Tests.Infrastructure;

/// <summary>Injected into the storage pipeline: records every storage request (method and path) it lets through.</summary>
public sealed class StorageRequests : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _seen = new();
    private readonly ConcurrentQueue<string> _queries = new();
    private long _entities;
    private long _largestBatch;

    /// <summary>Entities the reads since the last <see cref="Clear"/> returned (1 for a point read, a query's rows).</summary>
    public long EntitiesRead => Interlocked.Read(ref _entities);

    /// <summary>The requests since the last <see cref="Clear"/>, as "GET /account/Deals(…)" or "POST /account/$batch".</summary>
    public IReadOnlyList<string> Seen => [.. _seen];

    /// <summary>The query strings (unescaped: the filter of a range read) of the reads since the last <see cref="Clear"/>.</summary>
    public IReadOnlyList<string> Queries => [.. _queries];

    /// <summary>The largest transaction (<c>$batch</c>) body sent since the last <see cref="Clear"/>, in bytes.</summary>
    public long LargestBatchBytes => Interlocked.Read(ref _largestBatch);

    public void Clear()
    {
        Interlocked.Exchange(ref _largestBatch, 0);
        _seen.Clear();
        _queries.Clear();
        Interlocked.Exchange(ref _entities, 0);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        _seen.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.Path)}");
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && message.Request.Content?.TryComputeLength(out var length) == true)
        {
            for (var largest = Interlocked.Read(ref _largestBatch); length > largest; largest = Interlocked.Read(ref _largestBatch))
            {
                Interlocked.CompareExchange(ref _largestBatch, length, largest);
            }
        }

        if (message.Request.Method == RequestMethod.Get)
        {
            _queries.Enqueue(Uri.UnescapeDataString(message.Request.Uri.Query));
        }
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200)
        {
            return;
        }

        if (message.Request.Uri.Path.Contains("(PartitionKey=", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _entities);
            return;
        }

        using var json = JsonDocument.Parse(message.Response.Content.ToMemory());
        if (json.RootElement.TryGetProperty("value", out var rows))
        {
            Interlocked.Add(ref _entities, rows.GetArrayLength());
        }
    }
}
