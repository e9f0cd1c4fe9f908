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
    SalesProcess Process)
{
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);

    public bool IsManager(string userId) => Managers.Contains(userId);
}
