using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>Summary rows of one owner (or the team) with the changes not yet folded into them, and how many those are.</summary>
internal sealed record PipelineSums(CubeRows Rows, int Pending);

/// <summary>
/// The team's pipeline sums (<see cref="PipelineCube"/>) in storage. Every deal change adds its change of the sums in the
/// same transaction as the deal; folding adds those changes into the summary rows, a few transactions at a time, and
/// counting again from the deals makes them right after the team's settings changed.
/// </summary>
internal interface IPipelineSums
{
    /// <summary>
    /// The rows a report of <paramref name="owner"/> (or <see cref="PipelineCube.Team"/>) needs, open rows and the closed
    /// rows of the months from <paramref name="firstMonth"/> to <paramref name="lastMonth"/>. Null when the sums cannot
    /// answer now (never counted, counted under other settings, being counted): count from the deals then.
    /// </summary>
    Task<PipelineSums?> ReadAsync(TenantSettings tenant, string owner, DateOnly firstMonth, DateOnly lastMonth, CancellationToken ct);

    /// <summary>The open rows of <paramref name="owner"/> (or <see cref="PipelineCube.Team"/>), null as for <see cref="ReadAsync"/>.</summary>
    Task<PipelineSums?> ReadOpenAsync(TenantSettings tenant, string owner, CancellationToken ct);

    /// <summary>The won-times rows (<see cref="PipelineCube.WonTimesRow"/>) of the months from <paramref name="firstMonth"/> to <paramref name="lastMonth"/>, null as for <see cref="ReadAsync"/>.</summary>
    Task<PipelineSums?> ReadWonTimesAsync(TenantSettings tenant, DateOnly firstMonth, DateOnly lastMonth, CancellationToken ct);

    /// <summary>Adds pending changes into the summary rows; returns how many it folded.</summary>
    Task<int> FoldAsync(string tenant, CancellationToken ct);

    /// <summary>Deletes every summary row of the team (a person forgotten): the next read counts them again from the deals.</summary>
    Task DropAsync(string tenant, CancellationToken ct);

    /// <summary>Counts the sums again from every deal of the team; false when another instance is at it.</summary>
    Task<bool> RecountAsync(TenantSettings tenant, CancellationToken ct);
}
