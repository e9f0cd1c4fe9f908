using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>The people of a tenant that SalesBot has met, so <c>@ann</c> can name a deal owner.</summary>
internal interface IUserDirectory
{
    /// <summary>
    /// Records that a user wrote to the bot under this name (and, when the channel tells, in this time zone, with this
    /// e-mail and with a chat client in this locale).
    /// </summary>
    Task RememberAsync(string tenant, UserRef user, string? timeZone, string? email, string? locale, CancellationToken ct);

    /// <summary>What SalesBot knows of the user's time zone and language, if it has met them.</summary>
    Task<PersonProfile?> ProfileOfAsync(string tenant, string userId, CancellationToken ct);

    /// <summary>The reply language the user chose (<c>deal language</c>), if any; cheap to ask on every message.</summary>
    Task<string?> ChosenLanguageAsync(string tenant, string userId, CancellationToken ct);

    /// <summary>Remembers the user's choice of reply language; null forgets it (back to the client's or the team's).</summary>
    Task ChooseLanguageAsync(string tenant, UserRef user, string? language, CancellationToken ct);

    /// <summary>Users whose id equals, or whose name starts with, <paramref name="nameOrId"/>.</summary>
    Task<IReadOnlyList<UserRef>> FindAsync(string tenant, string nameOrId, CancellationToken ct);

    /// <summary>The user with exactly this id, if SalesBot has met them.</summary>
    Task<UserRef?> GetAsync(string tenant, string userId, CancellationToken ct);

    /// <summary>Users whose whole name is <paramref name="name"/> (compared normalised): several people can share one.</summary>
    Task<IReadOnlyList<UserRef>> FindByNameAsync(string tenant, string name, CancellationToken ct);

    /// <summary>Users whose channel gave this e-mail address (compared case-insensitively).</summary>
    Task<IReadOnlyList<UserRef>> FindByEmailAsync(string tenant, string email, CancellationToken ct);
}

/// <summary>
/// A person's own settings: <paramref name="TimeZone"/> and <paramref name="Locale"/> as their channel last told,
/// <paramref name="Language"/> as they chose it.
/// </summary>
internal sealed record PersonProfile(string? TimeZone, string? Locale, string? Language);
