using SalesBot.Tenants;

namespace SalesBot.Deals.Verbs;

/// <summary>How many open deals close on a day (null: without a close date) in a stage (null: stalled ones, any stage).</summary>
internal readonly record struct CloseDayCount(DateOnly? Close, string? Stage, long Count);

/// <summary>Which open deals to count: all (by stage), those stalled on a day, or those whose close date slipped twice or more.</summary>
internal sealed record OpenCount(DateOnly? StalledOn = null, bool Slipped = false)
{
    /// <summary>An open deal whose close date moved later this often is on <c>deal list slipped</c>.</summary>
    public const int SlippedTwice = 2;
}

/// <summary>Open deals counted by close day and stage, from a few stored rows however many deals the team has.</summary>
internal interface IOpenDealCounts
{
    /// <summary>The team's (<paramref name="ownerId"/> null) or one owner's counts by close day; null when they cannot answer now.</summary>
    Task<IReadOnlyList<CloseDayCount>?> ByCloseDayAsync(TenantSettings tenant, string? ownerId, OpenCount which, CancellationToken ct);
}
