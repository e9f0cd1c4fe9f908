using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>Everything that differs between teams, resolved for one tenant.</summary>
internal sealed record TenantSettings(
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

    /// <summary>False when the stored settings could not be read and only the configuration answers: nobody may then
    /// name a first manager, since the team may well have managers in storage.</summary>
    public bool StoredSettingsRead { get; init; } = true;

    /// <summary>Settings managers made from chat (quotas among them).</summary>
    public IReadOnlyList<TeamSetting> StoredSettings { get; init; } = [];

    /// <summary>The owner key of a team's own quota (<c>config quota team …</c>); no user id starts with '*'.</summary>
    public const string TeamQuotaOwner = "*team";

    /// <summary>
    /// The quota of one owner, or of the team (<paramref name="ownerId"/> null): the team's own quota when one is set,
    /// else the sum of its people's quotas. A person (or the team) without a quota for exactly this period gets an even
    /// share of the shortest longer period they have one for (a quarter: half the half-year's or a quarter of the
    /// year's; a month: a third of its quarter's, and so on). Null when none is set.
    /// </summary>
    public Quota? QuotaFor(string periodKey, string? ownerId)
    {
        var quotas = StoredSettings.Where(s => s.Kind == "quota")
            .Select(s => (Key: s.Key.Split('|', 2), s.Value))
            .Where(q => q.Key.Length == 2)
            .Select(q => (Period: q.Key[0], Owner: q.Key[1], Amount: decimal.Parse(q.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        var periods = new[] { (Key: periodKey, Parts: 1) }.Concat(Periods.Containing(periodKey, FiscalYearStartMonth)).ToArray();
        (decimal Amount, bool Split)? Of(string owner)
        {
            foreach (var (key, parts) in periods)
            {
                if (quotas.FirstOrDefault(q => q.Owner == owner && q.Period == key) is { Period: not null } found)
                {
                    return (found.Amount / parts, parts > 1);
                }
            }

            return null;
        }

        if (ownerId is not null)
        {
            return Of(ownerId) is { } own ? new Quota(own.Amount, own.Split, new HashSet<string>(StringComparer.Ordinal) { ownerId }) : null;
        }

        if (Of(TeamQuotaOwner) is { } team)
        {
            return new Quota(team.Amount, team.Split, new HashSet<string>(StringComparer.Ordinal), TeamOwn: true);
        }

        decimal? total = null;
        var split = false;
        var owners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in quotas.Select(q => q.Owner).Where(o => o != TeamQuotaOwner).Distinct(StringComparer.Ordinal))
        {
            if (Of(owner) is { } share)
            {
                total = (total ?? 0) + share.Amount;
                split |= share.Split;
                owners.Add(owner);
            }
        }

        return total is { } amount ? new Quota(amount, split, owners) : null;
    }
}

/// <summary>
/// A quota for a period; <paramref name="Split"/> when some of it is an even share of a longer period's;
/// <paramref name="Owners"/> the people whose quotas it sums; <paramref name="TeamOwn"/> when it is the team's own.
/// </summary>
internal sealed record Quota(decimal Amount, bool Split, IReadOnlySet<string> Owners, bool TeamOwn = false);
