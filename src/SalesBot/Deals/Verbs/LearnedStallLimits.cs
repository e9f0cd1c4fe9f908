using SalesBot.Tenants;

namespace SalesBot.Deals.Verbs;

/// <summary>
/// The stall limits a team's won deals of the last 12 months suggest (<see cref="StallLearning"/>), kept for an hour per
/// team (a stalled deal's card names the learned time). Read from the won deals' stage times kept with the team's sums,
/// or from the closed-deal months concerned while those are not counted yet.
/// </summary>
internal sealed class LearnedStallLimits(IDealStore store, IEnumerable<IStageTimes> stageTimes, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly BoundedCache<string, (IReadOnlyList<StallSuggestion> Suggestions, DateTimeOffset At, IReadOnlyList<StallLimitsKey> Limits)> _cache = new(10_000);

    /// <param name="fresh">Read again whatever is cached (a manager asking for suggestions).</param>
    public async Task<IReadOnlyList<StallSuggestion>> ForAsync(TenantSettings tenant, CancellationToken ct, bool fresh = false)
    {
        var now = clock.GetUtcNow();
        var limits = Limits(tenant);
        if (!fresh && _cache.TryGetValue(tenant.Tenant, out var hit) && now - hit.At < Lifetime && hit.Limits.SequenceEqual(limits))
        {
            return hit.Suggestions;
        }

        var window = StallLearning.Window(tenant.Today(now));
        IReadOnlyList<StageTime>? times = null;
        foreach (var source in stageTimes)
        {
            times ??= await source.WonAsync(tenant, window.From, window.To, ct);
        }

        if (times is null)
        {
            var closed = await store.ListClosedAsync(tenant.Tenant, now.AddMonths(-StallLearning.MonthsBack).AddDays(-1), now.AddDays(1), ct);
            times = [.. StallLearning.Times(closed, tenant, window)];
        }

        var suggestions = StallLearning.Suggest(times, tenant);
        _cache.Set(tenant.Tenant, (suggestions, now, limits));
        return suggestions;
    }

    /// <summary>The learned limit for a deal's stage and segment, when there are enough won deals to say.</summary>
    public async Task<StallSuggestion?> ForDealAsync(TenantSettings tenant, Deal deal, CancellationToken ct) =>
        (await ForAsync(tenant, ct)).FirstOrDefault(s => s.Stage == deal.Stage && s.Segment == deal.Segment && s.Learned is not null);

    private static StallLimitsKey[] Limits(TenantSettings tenant) =>
        [.. tenant.Process.Stages.Select(s => new StallLimitsKey(s.Key, s.StallDays.Smb, s.StallDays.MidMarket, s.StallDays.Enterprise))];
}

/// <summary>A stage's limits, so cached suggestions are read again once a manager changed one.</summary>
internal sealed record StallLimitsKey(string Stage, int Smb, int MidMarket, int Enterprise);
