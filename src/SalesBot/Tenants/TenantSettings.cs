using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>Everything that differs between teams, resolved for one tenant.</summary>
public sealed record TenantSettings(
    string Tenant,
    TimeZoneInfo TimeZone,
    string Currency,
    int FiscalYearStartMonth,
    string Locale,
    bool TeamVisibility,
    Segment DefaultSegment,
    IReadOnlySet<string> Managers,
    IReadOnlyList<DateOnly> Holidays,
    SalesProcess Process,
    IReadOnlyDictionary<string, decimal> CurrencyRates)
{
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);

    public bool IsManager(string userId) => Managers.Contains(userId);

    /// <summary>Settings managers made from chat (quotas among them).</summary>
    public IReadOnlyList<TeamSetting> StoredSettings { get; init; } = [];

    /// <summary>
    /// The summed quota of the given owners (all owners when null) for a period, or null when none is set. A person
    /// without a quota for exactly this period gets an even share of the shortest longer period they have one for
    /// (a quarter: half the half-year's or a quarter of the year's; a month: a third of its quarter's, and so on).
    /// </summary>
    public Quota? QuotaFor(string periodKey, string? ownerId)
    {
        var quotas = StoredSettings.Where(s => s.Kind == "quota")
            .Select(s => (Key: s.Key.Split('|', 2), s.Value))
            .Where(q => q.Key.Length == 2 && (ownerId is null || q.Key[1] == ownerId))
            .Select(q => (Period: q.Key[0], Owner: q.Key[1], Amount: decimal.Parse(q.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        var periods = new[] { (Key: periodKey, Parts: 1) }.Concat(Pipeline.Periods.Containing(periodKey, FiscalYearStartMonth)).ToArray();
        decimal? total = null;
        var split = false;
        foreach (var owner in quotas.Select(q => q.Owner).Distinct(StringComparer.Ordinal))
        {
            foreach (var (key, parts) in periods)
            {
                if (quotas.FirstOrDefault(q => q.Owner == owner && q.Period == key) is { Period: not null } found)
                {
                    total = (total ?? 0) + found.Amount / parts;
                    split |= parts > 1;
                    break;
                }
            }
        }

        return total is { } amount ? new Quota(amount, split) : null;
    }
}

/// <summary>A quota for a period; <paramref name="Split"/> when some of it is an even share of a longer period's.</summary>
public sealed record Quota(decimal Amount, bool Split);
