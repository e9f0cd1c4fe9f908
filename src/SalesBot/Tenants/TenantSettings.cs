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

    /// <summary>The summed quota of the given owners (all owners when null) for a period, or null when none is set.</summary>
    public decimal? QuotaFor(string periodKey, string? ownerId)
    {
        var quotas = StoredSettings.Where(s => s.Kind == "quota" && s.Key.StartsWith(periodKey + "|", StringComparison.Ordinal)
            && (ownerId is null || s.Key == periodKey + "|" + ownerId)).ToArray();
        return quotas.Length == 0 ? null : quotas.Sum(q => decimal.Parse(q.Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
