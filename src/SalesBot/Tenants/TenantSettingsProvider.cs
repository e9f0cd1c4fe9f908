using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>Resolves a tenant's settings: its own entry over <c>Tenants:Defaults</c> over built-in defaults.</summary>
public sealed class TenantSettingsProvider(IOptions<TenantsOptions> options)
{
    private readonly ConcurrentDictionary<string, TenantSettings> _cache = new(StringComparer.Ordinal);

    public ValueTask<TenantSettings> GetAsync(string tenant, CancellationToken ct = default) =>
        ValueTask.FromResult(_cache.GetOrAdd(tenant, Resolve));

    private TenantSettings Resolve(string tenant)
    {
        var all = options.Value;
        var defaults = all.Tenants.GetValueOrDefault(TenantsOptions.DefaultsKey) ?? new TenantOptions();
        var own = all.Tenants.GetValueOrDefault(tenant) ?? new TenantOptions();

        var process = own.SalesProcess?.Stages is { Count: > 0 } ownStages ? ownStages
            : defaults.SalesProcess?.Stages is { Count: > 0 } defaultStages ? defaultStages
            : all.SalesProcess.Stages;

        return new TenantSettings(
            tenant,
            TimeZoneInfo.FindSystemTimeZoneById(own.TimeZone ?? defaults.TimeZone ?? "Europe/Copenhagen"),
            (own.Currency ?? defaults.Currency ?? "DKK").ToUpperInvariant(),
            own.FiscalYearStartMonth ?? defaults.FiscalYearStartMonth ?? 1,
            own.Locale ?? defaults.Locale ?? "en",
            string.Equals(own.PipelineVisibility ?? defaults.PipelineVisibility, "Team", StringComparison.OrdinalIgnoreCase),
            Commands.ArgReader.SegmentOf(own.DefaultSegment ?? defaults.DefaultSegment ?? "mid") ?? Segment.MidMarket,
            (own.Managers ?? defaults.Managers ?? []).ToHashSet(StringComparer.Ordinal),
            (defaults.Holidays ?? []).Concat(own.Holidays ?? []).Distinct().Order().ToArray(),
            process is { Count: > 0 } ? ToProcess(process) : SalesProcess.Default);
    }

    public static SalesProcess ToProcess(IEnumerable<StageOptions> stages) => new(stages
        .Select(s => SalesProcess.Stage(
            s.Name,
            s.Probability,
            new StallLimits(s.StallDays.Smb, s.StallDays.MidMarket, s.StallDays.Enterprise),
            Enum.TryParse<ForecastCategory>(s.Category, ignoreCase: true, out var c) ? c : DefaultCategory(s.Probability)))
        .ToArray());

    private static ForecastCategory DefaultCategory(int probability) => probability switch
    {
        >= 80 => ForecastCategory.Commit,
        >= 50 => ForecastCategory.BestCase,
        _ => ForecastCategory.Pipeline,
    };
}
