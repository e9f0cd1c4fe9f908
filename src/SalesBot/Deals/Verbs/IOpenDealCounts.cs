using SalesBot.Tenants;

namespace SalesBot.Deals.Verbs;

/// <summary>How many open deals close on a day (null: without a close date) in a stage (null: stalled ones, any stage).</summary>
internal readonly record struct CloseDayCount(DateOnly? Close, string? Stage, long Count);

/// <summary>Open deals counted by close day and stage, from a few stored rows however many deals the team has.</summary>
internal interface IOpenDealCounts
{
    /// <summary>
    /// The team's (<paramref name="ownerId"/> null) or one owner's counts by close day and stage, or with
    /// <paramref name="stalledOn"/> the deals stalled on that day by close day; null when they cannot answer now.
    /// </summary>
    Task<IReadOnlyList<CloseDayCount>?> ByCloseDayAsync(TenantSettings tenant, string? ownerId, DateOnly? stalledOn, CancellationToken ct);
}
