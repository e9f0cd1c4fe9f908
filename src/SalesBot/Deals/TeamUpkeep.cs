namespace SalesBot.Deals;

/// <summary>
/// Work a team's stored data needs now and then (folding or counting the pipeline's sums, building its ordered lists),
/// done in the background one job of a kind at a time per team in this process, so an answer never waits for it. Best
/// effort: what fails now is tried again on a later read.
/// </summary>
internal sealed class TeamUpkeep(ILogger<TeamUpkeep> logger) : IDisposable
{
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts <paramref name="work"/> unless a job of the same <paramref name="kind"/> for the team still runs.</summary>
    public void Start(string kind, string tenant, Func<CancellationToken, Task> work)
    {
        var key = kind + "|" + tenant;
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested && !_running.ContainsKey(key))
            {
                _running[key] = RunAsync(key, kind, tenant, work);
            }
        }
    }

    /// <summary>Waits for what runs now (tests, benchmarks, and forgetting a person).</summary>
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

    private async Task RunAsync(string key, string kind, string tenant, Func<CancellationToken, Task> work)
    {
        await Task.Yield();
        try
        {
            await work(_stopping.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!_stopping.IsCancellationRequested)
            {
                logger.LogWarning(e, "Upkeep ({Kind}) of the stored data of {Tenant} stopped; a later read will try again.", kind, tenant);
            }
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(key);
            }
        }
    }
}

internal static class TeamUpkeepExtensions
{
    /// <summary>Builds the team's ordered lists in the background (a team whose deals were stored before they were kept).</summary>
    public static void BuildLists(this TeamUpkeep upkeep, IDealStore store, string tenant) =>
        upkeep.Start("lists", tenant, ct => store.BuildListsAsync(tenant, ct));
}
