using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal abstract record Resolution
{
    /// <summary>The deal; <paramref name="Tail"/> is the free text after its name when the reference allowed one.</summary>
    public sealed record Found(DealSnapshot Snapshot, string? Tail) : Resolution;

    public sealed record Ambiguous(IReadOnlyList<DealName> Candidates, string? Tail) : Resolution;

    public sealed record NotFound(IReadOnlyList<DealName> Suggestions) : Resolution;
}

/// <summary>
/// Finds the deal a user means: an id, an exact open name (one point read, often none), then a unique word or prefix
/// through the word index ("Acme" → "The Acme Corp"). Cost grows with the matches, never with the tenant's deals.
/// </summary>
internal sealed class DealResolver(IDealStore store)
{
    private const int MaxCandidates = 200;
    private const int MaxSuggestions = 3;

    public async Task<Resolution> ResolveAsync(CommandContext ctx, DealRef dealRef, bool mayUseCache, CancellationToken ct)
    {
        var tenant = ctx.Tenant.Tenant;
        var words = dealRef.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new Resolution.NotFound([]);
        }

        if (!dealRef.Tail || words.Length == 1)
        {
            return await ResolveNameAsync(tenant, dealRef.Text, null, mayUseCache, ct);
        }

        if (DealIds.IsId(words[0]))
        {
            return await ResolveNameAsync(tenant, words[0], Rest(words, 1), mayUseCache, ct);
        }

        // Free text follows the name: take the longest run of leading words that is exactly a deal's name.
        var first = TextKey.Normalize(words[0]).Split(' ')[0];
        var candidates = first.Length == 0 ? [] : await store.FindByWordPrefixAsync(tenant, first, MaxCandidates, ct);
        for (var k = words.Length - 1; k >= 1; k--)
        {
            var name = TextKey.Normalize(string.Join(' ', words[..k]));
            var exact = candidates.Where(c => TextKey.Normalize(c.Name) == name).ToArray();
            if (exact.Length > 0)
            {
                return await ResolveNameAsync(tenant, string.Join(' ', words[..k]), Rest(words, k), mayUseCache, ct);
            }
        }

        return await ResolveNameAsync(tenant, words[0], Rest(words, 1), mayUseCache, ct);
    }

    private async Task<Resolution> ResolveNameAsync(string tenant, string text, string? tail, bool mayUseCache, CancellationToken ct)
    {
        if (DealIds.IsId(text))
        {
            var byId = await store.GetAsync(tenant, DealIds.Canonical(text), mayUseCache, ct);
            return byId is null ? new Resolution.NotFound([]) : new Resolution.Found(byId, tail);
        }

        var normalized = TextKey.Normalize(text);
        if (normalized.Length == 0)
        {
            return new Resolution.NotFound([]);
        }

        if (await store.FindOpenByNameAsync(tenant, normalized, mayUseCache, ct) is { } open)
        {
            return new Resolution.Found(open, tail);
        }

        var wanted = normalized.Split(' ');
        var candidates = await store.FindByWordPrefixAsync(tenant, wanted[0], MaxCandidates, ct);
        var matches = candidates.Where(c => MatchesAllWords(TextKey.Normalize(c.Name), wanted)).ToArray();
        var exact = matches.Where(c => TextKey.Normalize(c.Name) == normalized).ToArray();
        var chosen = exact.Length == 1 ? exact[0] : matches.Length == 1 ? matches[0] : null;
        if (chosen is not null)
        {
            var snapshot = await store.GetAsync(tenant, chosen.Id, mayUseCache, ct);
            return snapshot is null ? new Resolution.NotFound([]) : new Resolution.Found(snapshot, tail);
        }

        if (matches.Length > 1)
        {
            return new Resolution.Ambiguous(matches.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Take(10).ToArray(), tail);
        }

        return new Resolution.NotFound(await SuggestAsync(tenant, normalized, ct));
    }

    /// <summary>Closest names, searched among deals sharing the first two letters of a typed word.</summary>
    private async Task<IReadOnlyList<DealName>> SuggestAsync(string tenant, string normalized, CancellationToken ct)
    {
        var wanted = normalized.Split(' ');
        var pool = new Dictionary<string, DealName>(StringComparer.Ordinal);
        foreach (var prefix in wanted.Where(w => w.Length >= 2).Select(w => w[..2]).Distinct().Take(3))
        {
            foreach (var c in await store.FindByWordPrefixAsync(tenant, prefix, MaxCandidates, ct))
            {
                pool.TryAdd(c.Id, c);
            }
        }

        var limit = Math.Max(1, normalized.Length / 3);
        return pool.Values
            .Select(c => (c, score: Score(normalized, wanted, TextKey.Normalize(c.Name))))
            .Where(x => x.score <= limit)
            .OrderBy(x => x.score)
            .ThenBy(x => x.c.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxSuggestions)
            .Select(x => x.c)
            .ToArray();
    }

    private static int Score(string normalized, string[] wanted, string candidate)
    {
        var words = candidate.Split(' ');
        var perWord = wanted.Max(w => words.Min(c => TextKey.Distance(w, c.Length > w.Length ? c[..w.Length] : c)));
        return Math.Min(TextKey.Distance(normalized, candidate), perWord);
    }

    private static bool MatchesAllWords(string name, string[] wanted)
    {
        var words = name.Split(' ');
        return wanted.All(w => words.Any(n => n.StartsWith(w, StringComparison.Ordinal)));
    }

    private static string? Rest(string[] words, int from) => from < words.Length ? string.Join(' ', words[from..]) : null;
}
