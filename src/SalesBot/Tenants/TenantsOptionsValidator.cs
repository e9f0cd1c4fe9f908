using Microsoft.Extensions.Options;
using SalesBot.Commands;
using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>Checks the <c>Tenants</c> and <c>SalesProcess</c> sections at start-up; each failure names its key.</summary>
internal sealed class TenantsOptionsValidator : IValidateOptions<TenantsOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantsOptions options)
    {
        var failures = new List<string>();
        ValidateStages("SalesProcess", options.SalesProcess, failures);
        foreach (var (tenant, t) in options.Tenants)
        {
            var key = $"Tenants:{tenant}";
            if (t.HolidayCalendar is { } calendar && !HolidayCalendars.IsKnown(calendar))
            {
                failures.Add($"{key}:HolidayCalendar '{calendar}' is not a known calendar (known: {string.Join(", ", HolidayCalendars.Known)}).");
            }

            if (t.TimeZone is { } tz && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            {
                failures.Add($"{key}:TimeZone '{tz}' is not a known time zone id (use an IANA id such as Europe/Copenhagen).");
            }

            if (t.Currency is { } currency && !AmountParser.IsCurrencyCode(currency))
            {
                failures.Add($"{key}:Currency '{currency}' is not a supported ISO 4217 code (e.g. DKK, EUR, USD).");
            }

            if (t.FiscalYearStartMonth is { } month and (< 1 or > 12))
            {
                failures.Add($"{key}:FiscalYearStartMonth must be 1–12, not {month}.");
            }

            if (t.PipelineVisibility is { } v && v is not ("Own" or "Team"))
            {
                failures.Add($"{key}:PipelineVisibility must be Own or Team, not '{v}'.");
            }

            if (t.DefaultSegment is { } segment && Segments.Parse(segment) is null)
            {
                failures.Add($"{key}:DefaultSegment must be smb, mid or enterprise, not '{segment}'.");
            }

            if (t.SalesProcess is { } process)
            {
                ValidateStages($"{key}:SalesProcess", process, failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateStages(string key, SalesProcessOptions process, List<string> failures)
    {
        var stages = process.Stages ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var at = $"{key}:Stages:{i}";
            if (Deals.TextKey.Normalize(s.Name).Length == 0)
            {
                failures.Add($"{at}:Name is required.");
            }
            else if (!seen.Add(Deals.SalesProcess.KeyOf(s.Name)))
            {
                failures.Add($"{at}:Name '{s.Name}' appears twice.");
            }

            if (s.Probability is < 0 or > 100)
            {
                failures.Add($"{at}:Probability must be 0–100, not {s.Probability}.");
            }

            if (s.StallDays.Smb < 1 || s.StallDays.MidMarket < 1 || s.StallDays.Enterprise < 1)
            {
                failures.Add($"{at}:StallDays needs Smb, MidMarket and Enterprise of at least 1 business day.");
            }

            if (s.Category is { } c && !Enum.TryParse<Deals.ForecastCategory>(c, ignoreCase: true, out _))
            {
                failures.Add($"{at}:Category must be Pipeline, BestCase or Commit, not '{c}'.");
            }
        }
    }
}
