using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>Folds and counts the pipeline's sums in the background (<see cref="TeamUpkeep"/>), so an answer never waits for them.</summary>
internal sealed class PipelineSumsUpkeep(IPipelineSums sums, TeamUpkeep upkeep)
{
    /// <summary>A read that met this many pending changes folds them after answering.</summary>
    public const int FoldAfter = 50;

    public void Fold(string tenant) => upkeep.Start("sums", tenant, ct => sums.FoldAsync(tenant, ct));

    public void Recount(TenantSettings tenant) => upkeep.Start("sums", tenant.Tenant, ct => sums.RecountAsync(tenant, ct));

    /// <summary>
    /// What a read of the sums leaves to do, started in the background: counting them when they could not answer
    /// (null), folding when it met <see cref="FoldAfter"/> pending changes. Returns the read.
    /// </summary>
    public PipelineSums? Tend(TenantSettings tenant, PipelineSums? read)
    {
        if (read is null)
        {
            Recount(tenant);
        }
        else if (read.Pending >= FoldAfter)
        {
            Fold(tenant.Tenant);
        }

        return read;
    }

    /// <summary>Waits for what runs now (tests, and forgetting a person).</summary>
    public Task IdleAsync() => upkeep.IdleAsync();
}
