using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;
using SalesBot.Deals;

namespace SalesBot.Storage;

/// <summary>Counts the storage client's retries (each attempt after the first) in <c>salesbot.storage.retries</c>.</summary>
internal sealed class RetryCounter : HttpPipelineSynchronousPolicy
{
    private const string Attempts = "salesbot.attempts";

    public override void OnSendingRequest(HttpMessage message)
    {
        var attempts = message.TryGetProperty(Attempts, out var seen) && seen is int n ? n : 0;
        if (attempts > 0)
        {
            Diagnostics.Telemetry.StorageRetries.Add(1);
        }

        message.SetProperty(Attempts, attempts + 1);
    }
}

/// <summary>The tables were written by a newer SalesBot than this one.</summary>
internal sealed class StorageLayoutException(string message) : Exception(message);

/// <summary>A table a feature keeps for itself, created with the others at start-up.</summary>
internal sealed record FeatureTable(string Name);

/// <summary>
/// The tables of one installation, created on first use. Every call goes through <see cref="RunAsync{T}"/>, which keeps
/// the SDK's retries short (a chat user is waiting) and turns an unreachable store into <see cref="StorageUnavailableException"/>.
/// </summary>
internal sealed class TableStorage : IDisposable
{
    public const string DealsTable = "Deals";
    public const string UsersTable = "Users";
    public const string InboxTable = "Inbox";

    /// <summary>Facts about the tables themselves: the storage layout version.</summary>
    public const string MetaTable = "Meta";

    /// <summary>
    /// The layout of the tables this version reads and writes; a version that changes it raises it (CHANGELOG.md says
    /// so). The tables record the layout that wrote them, and an older SalesBot refuses to run on a newer layout.
    /// </summary>
    public const int Layout = 1;
    private readonly string[] _tables;

    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly ILogger<TableStorage> _logger;
    private readonly SemaphoreSlim _provisionLock = new(1, 1);
    private volatile bool _provisioned;

    /// <param name="policies">Extra HTTP pipeline steps; tests use one to slow storage down.</param>
    public TableStorage(IOptions<StorageOptions> options, IEnumerable<FeatureTable> featureTables, IEnumerable<HttpPipelinePolicy> policies, ILogger<TableStorage> logger)
    {
        _tables = [DealsTable, UsersTable, InboxTable, MetaTable, .. featureTables.Select(t => t.Name)];
        var o = options.Value;
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        clientOptions.Retry.NetworkTimeout = o.OperationTimeout;
        foreach (var policy in policies)
        {
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        clientOptions.AddPolicy(new RetryCounter(), HttpPipelinePosition.PerRetry);

        _service = o.TableEndpoint is { } endpoint
            ? new TableServiceClient(endpoint, Credential(o), clientOptions)
            : new TableServiceClient(o.ConnectionString, clientOptions);
        Authentication = o.Describe();
        _prefix = o.TablePrefix;
        _logger = logger;
    }

    /// <summary>How this installation signs in to storage (no secret in it).</summary>
    public string Authentication { get; }

    /// <summary>A user-assigned identity when its client id is configured, else the default chain (managed identity, then developer sign-ins).</summary>
    internal static TokenCredential Credential(StorageOptions o) => string.IsNullOrWhiteSpace(o.ManagedIdentityClientId)
        ? new DefaultAzureCredential()
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ManagedIdentityClientId));

    public TableClient Table(string name) => _service.GetTableClient(_prefix + name);

    /// <summary>Creates the tables if they do not exist; cheap after the first success.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (_provisioned)
        {
            return;
        }

        await _provisionLock.WaitAsync(ct);
        try
        {
            if (_provisioned)
            {
                return;
            }

            foreach (var table in _tables)
            {
                await Guard(() => _service.CreateTableIfNotExistsAsync(_prefix + table, ct));
            }

            await CheckLayoutAsync(ct);
            _provisioned = true;
            _logger.LogInformation("Storage ready (table prefix '{Prefix}', layout {Layout}).", _prefix, Layout);
        }
        finally
        {
            _provisionLock.Release();
        }
    }

    /// <summary>Records the layout on fresh tables; refuses tables a newer SalesBot wrote.</summary>
    private async Task CheckLayoutAsync(CancellationToken ct)
    {
        var meta = Table(MetaTable);
        var row = await Guard(() => meta.GetEntityIfExistsAsync<TableEntity>("layout", "current", cancellationToken: ct));
        var recorded = row.HasValue ? row.Value!.GetInt32("Version") ?? 0 : 0;
        if (recorded > Layout)
        {
            throw new StorageLayoutException(
                $"The tables (prefix '{_prefix}') were written by a newer SalesBot: storage layout {recorded}, while this version knows layout {Layout}. " +
                "Deploy that newer version (or a later one); running this one could damage the data.");
        }

        if (recorded < Layout)
        {
            await Guard(() => meta.UpsertEntityAsync(new TableEntity("layout", "current") { ["Version"] = Layout }, TableUpdateMode.Replace, ct));
        }
    }

    /// <summary>Runs a storage call; if a table went missing it is created and the call tried once more.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct);
        try
        {
            return await Guard(call);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
        {
            _provisioned = false;
            await EnsureCreatedAsync(ct);
            return await Guard(call);
        }
    }

    /// <summary>Storage answers a one-row query (tables re-created if they went missing).</summary>
    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            await RunAsync(async () =>
            {
                await foreach (var _ in Table(DealsTable).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages())
                {
                    break;
                }

                return true;
            }, ct);
            return true;
        }
        catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException or RequestFailedException)
        {
            return false;
        }
    }

    public void Dispose() => _provisionLock.Dispose();

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new StorageUnavailableException("Table storage did not answer.", e);
        }
    }

    private static bool IsUnreachable(Exception e) => e switch
    {
        RequestFailedException r => r.Status is 0 or 408 or >= 500,
        // The SDK's retries give up with every attempt's error; an attempt cut off by its network timeout is a
        // cancellation inside it (the caller's own cancellation is thrown as such, never wrapped).
        AggregateException a => a.InnerExceptions.All(i => i is OperationCanceledException || IsUnreachable(i)),
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };
}
