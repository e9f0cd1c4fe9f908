namespace SalesBot.Tenants;

/// <summary>
/// One entry of the <c>Tenants</c> section. <c>Tenants:Defaults</c> applies to every tenant; <c>Tenants:{tenant id}</c>
/// overrides it key by key. Unset values inherit.
/// </summary>
internal sealed class TenantOptions
{
    /// <summary>IANA or Windows time zone id, e.g. Europe/Copenhagen.</summary>
    public string? TimeZone { get; set; }

    /// <summary>ISO 4217 code used when an amount is typed without a currency.</summary>
    public string? Currency { get; set; }

    /// <summary>1–12; quarters and "end of quarter" follow it.</summary>
    public int? FiscalYearStartMonth { get; set; }

    public string? Locale { get; set; }

    /// <summary><c>Own</c>: reps see their own deals and pipeline; <c>Team</c>: everyone sees everything.</summary>
    public string? PipelineVisibility { get; set; }

    /// <summary>smb, mid or enterprise: the segment of a new deal when none is typed.</summary>
    public string? DefaultSegment { get; set; }

    /// <summary>User ids (as the channel knows them) of the team's managers.</summary>
    public List<string>? Managers { get; set; }

    /// <summary>Days that do not count as business days.</summary>
    public List<DateOnly>? Holidays { get; set; }

    /// <summary>A built-in public-holiday calendar whose days do not count either: <c>DK</c> (Danish helligdage).</summary>
    public string? HolidayCalendar { get; set; }

    public SalesProcessOptions? SalesProcess { get; set; }

    /// <summary>Currency code → how many units of the team's currency one unit buys (EUR: 7.46 for a DKK team).</summary>
    public Dictionary<string, decimal>? CurrencyRates { get; set; }
}

/// <summary>The <c>SalesProcess</c> section (and <c>Tenants:{id}:SalesProcess</c>): the ordered open stages.</summary>
internal sealed class SalesProcessOptions
{
    public List<StageOptions>? Stages { get; set; }
}

internal sealed class StageOptions
{
    public string Name { get; set; } = string.Empty;
    public int Probability { get; set; }
    public StallDaysOptions StallDays { get; set; } = new();
    /// <summary>Pipeline, BestCase or Commit; by default from the probability.</summary>
    public string? Category { get; set; }
}

internal sealed class StallDaysOptions
{
    public int Smb { get; set; }
    public int MidMarket { get; set; }
    public int Enterprise { get; set; }
}

/// <summary>The bound <c>Tenants</c> and <c>SalesProcess</c> sections.</summary>
internal sealed class TenantsOptions
{
    public const string DefaultsKey = "Defaults";

    public Dictionary<string, TenantOptions> Tenants { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SalesProcessOptions SalesProcess { get; set; } = new();
}
