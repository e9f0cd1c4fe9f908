using SalesBot.Deals.Verbs;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>
/// What other features read from the team's sums, a few rows however many deals the team has: won deals' stage times
/// (learned stall limits) and open deals by close day (list pages). Sums not counted yet are counted for the next time.
/// </summary>
internal sealed class SumsLookups(IPipelineSums sums, PipelineSumsUpkeep upkeep) : IStageTimes, IOpenDealCounts
{
    public async Task<IReadOnlyList<StageTime>?> WonAsync(TenantSettings tenant, DateOnly from, DateOnly to, CancellationToken ct) =>
        upkeep.Tend(tenant, await sums.ReadWonTimesAsync(tenant, from, to, ct)) is { } read ? [.. PipelineCube.WonStageTimes(read.Rows, from, to)] : null;

    public async Task<IReadOnlyList<CloseDayCount>?> ByCloseDayAsync(TenantSettings tenant, string? ownerId, OpenCount which, CancellationToken ct)
    {
        var owner = ownerId ?? PipelineCube.Team;
        return upkeep.Tend(tenant, await sums.ReadOpenAsync(tenant, owner, ct)) is { } read ? [.. PipelineCube.OpenByCloseDay(read.Rows, owner, which)] : null;
    }
}
