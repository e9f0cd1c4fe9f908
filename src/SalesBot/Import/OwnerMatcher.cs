using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Import;

/// <summary>
/// Puts an imported deal in the hands of a person SalesBot knows, never a second person of the same name. In order: a
/// user id column, then the explicit owner mapping, then the file's owner text as a user id, as the e-mail address a
/// channel gave (Slack), or as the whole display name of exactly one known user.
/// </summary>
internal sealed class OwnerMatcher(IUserDirectory directory)
{
    /// <summary>How a file's owner was matched; <paramref name="Remember"/> when the user is new to the team's directory.</summary>
    public sealed record Match(UserRef? User, string How, string? Problem = null, bool Remember = false);

    public async Task<Match> MatchAsync(string tenant, string? ownerText, string? ownerId, IReadOnlyDictionary<string, string> explicitOwners, CancellationToken ct)
    {
        if (ownerId is not null)
        {
            return await ByIdAsync(tenant, ownerId, ownerText, "user id column", ct);
        }

        if (ownerText is null)
        {
            return new Match(null, "", "the deal has no owner; fill in the owner column, or add a user id column");
        }

        if (explicitOwners.TryGetValue(ownerText, out var mapped))
        {
            return await ByIdAsync(tenant, mapped, ownerText, "owner mapping", ct);
        }

        if (await directory.GetAsync(tenant, ownerText, ct) is { } byId)
        {
            return new Match(byId, "user id");
        }

        if (ownerText.Contains('@', StringComparison.Ordinal))
        {
            switch (await directory.FindByEmailAsync(tenant, ownerText, ct))
            {
                case [var one]:
                    return new Match(one, "e-mail");
                case { Count: > 1 } several:
                    return new Match(null, "", $"{several.Count} SalesBot users have this e-mail ({Ids(several)}); map it to one of them with --owners");
            }
        }

        return await directory.FindByNameAsync(tenant, ownerText, ct) switch
        {
            [var one] => new Match(one, "name"),
            { Count: > 1 } several => new Match(null, "", $"{several.Count} SalesBot users are called this ({Ids(several)}); map the name to one of them with --owners"),
            _ => new Match(null, "", "no SalesBot user has this name, e-mail or user id; ask them to write to SalesBot once, or map the name to their user id with --owners"),
        };
    }

    private async Task<Match> ByIdAsync(string tenant, string userId, string? ownerText, string how, CancellationToken ct) =>
        await directory.GetAsync(tenant, userId, ct) is { } known
            ? new Match(known, how)
            : new Match(new UserRef(userId, ownerText ?? userId), how, Remember: true);

    private static string Ids(IEnumerable<UserRef> users) => string.Join(", ", users.Select(u => u.Id));
}
