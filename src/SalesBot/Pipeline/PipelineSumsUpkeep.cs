using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>
/// Folds and counts in the background, one at a time per team in this process, so an answer never waits for them.
/// Best effort: what fails now is done on a later read.
/// </summary>
internal sealed class PipelineSumsUpkeep(IPipelineSums sums, ILogger<PipelineSumsUpkeep> logger) : IDisposable
{
    /// <summary>A read that met this many pending changes folds them after answering.</summary>
    public const int FoldAfter = 50;

    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();

    public void Fold(string tenant) => Start(tenant, () => sums.FoldAsync(tenant, _stopping.Token));

    public void Recount(TenantSettings tenant) => Start(tenant.Tenant, () => sums.RecountAsync(tenant, _stopping.Token));

    /// <summary>Waits for what runs now (tests, and an import before it reports).</summary>
    public Task IdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_running.Values.ToArray());
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Start(string tenant, Func<Task> work)
    {
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested && !_running.ContainsKey(tenant))
            {
                _running[tenant] = RunAsync(tenant, work);
            }
        }
    }

    private async Task RunAsync(string tenant, Func<Task> work)
    {
        await Task.Yield();
        try
        {
            await work();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!_stopping.IsCancellationRequested)
            {
                logger.LogWarning(e, "Upkeep of the pipeline sums of {Tenant} stopped; a later read will try again.", tenant);
            }
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(tenant);
            }
        }
    }
}
