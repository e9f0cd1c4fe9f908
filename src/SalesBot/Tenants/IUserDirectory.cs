using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>The people of a tenant that SalesBot has met, so <c>@ann</c> can name a deal owner.</summary>
public interface IUserDirectory
{
    /// <summary>Records that a user wrote to the bot under this name.</summary>
    Task RememberAsync(string tenant, UserRef user, CancellationToken ct);

    /// <summary>Users whose id equals, or whose name starts with, <paramref name="nameOrId"/>.</summary>
    Task<IReadOnlyList<UserRef>> FindAsync(string tenant, string nameOrId, CancellationToken ct);
}
