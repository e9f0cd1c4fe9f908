using Microsoft.Extensions.Options;
using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>
/// Resolves a tenant's settings: what managers set from chat, over its own configuration entry, over
/// <c>Tenants:Defaults</c>, over built-in defaults. Chat-made settings are re-read at most every 30 seconds.
/// </summary>
internal sealed class TenantSettingsProvider(IOptions<TenantsOptions> options, ITeamSettingsStore store, TimeProvider clock, ILogger<TenantSettingsProvider> logger)
{
    private static readonly TimeSpan StoredLifetime = TimeSpan.FromSeconds(30);
    private const int MaxTeams = 10_000;
    private readonly BoundedCache<string, TenantSettings> _configured = new(MaxTeams);
    private readonly BoundedCache<string, (TenantSettings Settings, DateTimeOffset At)> _merged = new(MaxTeams);

    public async ValueTask<TenantSettings> GetAsync(string tenant, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_merged.TryGetValue(tenant, out var hit) && now - hit.At < StoredLifetime)
        {
            return hit.Settings;
        }

        var configured = _configured.GetOrAdd(tenant, Resolve);
        try
        {
            var merged = Merge(configured, await store.ListAsync(tenant, ct));
            _merged.Set(tenant, (merged, now));
            return merged;
        }
        catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Team settings of {Tenant} could not be read; using the configuration only.", tenant);
            return configured with { StoredSettingsRead = false };
        }
    }

    /// <summary>Forgets the merged settings of a tenant after a change, so the next command sees it.</summary>
    public void Invalidate(string tenant) => _merged.Remove(tenant);

    /// <summary>Chat-made settings over the configured ones.</summary>
    public static TenantSettings Merge(TenantSettings configured, IReadOnlyList<TeamSetting> stored)
    {
        if (stored.Count == 0)
        {
            return configured;
        }

        // A language set from chat (config language) replaces the configured one; the default stages follow it.
        var locale = stored.LastOrDefault(s => s.Kind == "locale")?.Value ?? configured.Locale;
        var process = configured.Process.IsDefault ? SalesProcess.DefaultIn(Languages.Of(locale) == Languages.Danish) : configured.Process;
        var stages = process.Stages.Select(stage =>
        {
            var limits = stage.StallDays;
            foreach (var s in stored.Where(s => s.Kind == "stall" && s.Key.StartsWith(stage.Key + "|", StringComparison.Ordinal)))
            {
                var days = int.Parse(s.Value, System.Globalization.CultureInfo.InvariantCulture);
                limits = Enum.Parse<Segment>(s.Key[(stage.Key.Length + 1)..]) switch
                {
                    Segment.Smb => limits with { Smb = days },
                    Segment.MidMarket => limits with { MidMarket = days },
                    _ => limits with { Enterprise = days },
                };
            }

            var probability = stored.FirstOrDefault(s => s.Kind == "probability" && s.Key == stage.Key) is { } p
                ? int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture)
                : stage.Probability;
            return stage with { StallDays = limits, Probability = probability };
        }).ToArray();
        var managers = configured.Managers.Concat(stored.Where(s => s.Kind == "manager").Select(s => s.Key)).ToHashSet(StringComparer.Ordinal);
        return configured with { Locale = locale, Process = new SalesProcess(stages), Managers = managers, StoredSettings = stored };
    }

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
            Segments.Parse(own.DefaultSegment ?? defaults.DefaultSegment ?? "mid") ?? Segment.MidMarket,
            (own.Managers ?? defaults.Managers ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).ToHashSet(StringComparer.Ordinal),
            (defaults.Holidays ?? []).Concat(own.Holidays ?? []).Concat(CalendarDays(own.HolidayCalendar ?? defaults.HolidayCalendar)).Distinct().Order().ToArray(),
            process is { Count: > 0 } ? ToProcess(process)
                : SalesProcess.DefaultIn(Languages.Of(own.Locale ?? defaults.Locale) == Languages.Danish),
            (defaults.CurrencyRates ?? []).Concat(own.CurrencyRates ?? []).GroupBy(kv => kv.Key.ToUpperInvariant())
                .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A built-in calendar's days for ten years either side of now: history, forecasts and next steps all fit.</summary>
    private IEnumerable<DateOnly> CalendarDays(string? calendar)
    {
        var year = clock.GetUtcNow().Year;
        return string.IsNullOrWhiteSpace(calendar) ? [] : HolidayCalendars.For(calendar, year - 10, year + 10);
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
