using SalesBot.Tenants;

namespace SalesBot.Deals.Verbs;

/// <summary>
/// Deals as a person searches for them while typing (a form's deal picker, Teams' compose-box search): by id, or by the
/// words of the name (each typed word the start of a name word, as the command resolver reads names); with nothing typed,
/// their most recently active deals. Only deals the person may see (their own, or all for managers and in teams where
/// everyone sees everything); open deals first.
/// </summary>
internal sealed class DealSearch(IDealStore store)
{
    private const int Candidates = 200;

    public async Task<IReadOnlyList<Deal>> FindAsync(TenantSettings tenant, string userId, string? typed, int max, CancellationToken ct)
    {
        bool Visible(Deal d) => d.Owner.Id == userId || tenant.IsManager(userId) || tenant.TeamVisibility;
        var text = typed?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            var mine = tenant.IsManager(userId) || tenant.TeamVisibility ? null : userId;
            return [.. (await store.ListAsync(tenant.Tenant, new DealQuery(OpenOnly: true, OwnerId: mine, Max: 1000), ct))
                .Where(Visible).OrderByDescending(LastActive).Take(max)];
        }

        if (DealIds.IsId(text))
        {
            return await store.GetAsync(tenant.Tenant, DealIds.Canonical(text), mayUseCache: true, ct) is { } byId && Visible(byId.Deal) ? [byId.Deal] : [];
        }

        var words = TextKey.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return [];
        }

        var names = (await store.FindByWordPrefixAsync(tenant.Tenant, words[0], Candidates, ct))
            .Where(n => words.All(w => TextKey.Normalize(n.Name).Split(' ').Any(nw => nw.StartsWith(w, StringComparison.Ordinal))))
            .DistinctBy(n => n.Id)
            .ToArray();
        var found = new List<Deal>();
        foreach (var name in names)
        {
            if (await store.GetAsync(tenant.Tenant, name.Id, mayUseCache: true, ct) is { } snapshot && Visible(snapshot.Deal))
            {
                found.Add(snapshot.Deal);
            }
        }

        return [.. found.OrderByDescending(d => d.IsOpen).ThenByDescending(LastActive).Take(max)];
    }

    private static DateTimeOffset LastActive(Deal d) =>
        new[] { d.CreatedAt, d.StageEnteredAt, d.LastInteraction?.At ?? DateTimeOffset.MinValue, d.ClosedAt ?? DateTimeOffset.MinValue }.Max();
}
