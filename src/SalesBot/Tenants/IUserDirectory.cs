using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>The people of a tenant that SalesBot has met, so <c>@ann</c> can name a deal owner.</summary>
internal interface IUserDirectory
{
    /// <summary>Records that a user wrote to the bot under this name (and, when the channel tells, in this time zone and with this e-mail).</summary>
    Task RememberAsync(string tenant, UserRef user, string? timeZone, string? email, CancellationToken ct);

    /// <summary>The user's time zone as last seen, if any.</summary>
    Task<string?> TimeZoneOfAsync(string tenant, string userId, CancellationToken ct);

    /// <summary>Users whose id equals, or whose name starts with, <paramref name="nameOrId"/>.</summary>
    Task<IReadOnlyList<UserRef>> FindAsync(string tenant, string nameOrId, CancellationToken ct);

    /// <summary>The user with exactly this id, if SalesBot has met them.</summary>
    Task<UserRef?> GetAsync(string tenant, string userId, CancellationToken ct);

    /// <summary>Users whose whole name is <paramref name="name"/> (compared normalised): several people can share one.</summary>
    Task<IReadOnlyList<UserRef>> FindByNameAsync(string tenant, string name, CancellationToken ct);

    /// <summary>Users whose channel gave this e-mail address (compared case-insensitively).</summary>
    Task<IReadOnlyList<UserRef>> FindByEmailAsync(string tenant, string email, CancellationToken ct);
}
