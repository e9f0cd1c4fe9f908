using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>The people of a tenant that SalesBot has met, so <c>@ann</c> can name a deal owner.</summary>
public interface IUserDirectory
{
    /// <summary>Records that a user wrote to the bot under this name (and, when known, in this time zone).</summary>
    Task RememberAsync(string tenant, UserRef user, string? timeZone, CancellationToken ct);

    /// <summary>The user's time zone as last seen, if any.</summary>
    Task<string?> TimeZoneOfAsync(string tenant, string userId, CancellationToken ct);

    /// <summary>Users whose id equals, or whose name starts with, <paramref name="nameOrId"/>.</summary>
    Task<IReadOnlyList<UserRef>> FindAsync(string tenant, string nameOrId, CancellationToken ct);
}
