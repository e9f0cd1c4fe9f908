using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>Won deals' stage times from the team's sums: one row per month of the window, however many deals were won.</summary>
internal sealed class SumsStageTimes(IPipelineSums sums, PipelineSumsUpkeep upkeep) : IStageTimes
{
    public async Task<IReadOnlyList<StageTime>?> WonAsync(TenantSettings tenant, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (await sums.ReadWonTimesAsync(tenant, from, to, ct) is not { } read)
        {
            // Not counted yet (or under other settings): counted now for the next time.
            upkeep.Recount(tenant);
            return null;
        }

        if (read.Pending >= PipelineSumsUpkeep.FoldAfter)
        {
            upkeep.Fold(tenant.Tenant);
        }

        return [.. PipelineCube.WonStageTimes(read.Rows, from, to)];
    }
}
