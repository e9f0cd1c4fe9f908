using System.Globalization;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Messaging;

/// <summary>
/// The words every feature uses for a deal's parts: amount, date, stage, segment, how long ago. Amounts and dates follow
/// the reader's language (<see cref="CultureInfo.CurrentUICulture"/>, set per message): "DKK 1,250,000" and
/// "31 Dec 2026" in English, "DKK 1.250.000" and "31. dec. 2026" in Danish.
/// </summary>
internal sealed class DealText(Phrases t)
{
    /// <summary>Danish separators, pinned rather than read from the host's culture data, which varies between hosts.</summary>
    private static readonly NumberFormatInfo DanishNumbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>The Danish short month names, pinned for the same reason ("maj" has no point: it is the whole word).</summary>
    private static readonly string[] DanishMonths = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];

    public Phrases Text => t;

    public string Money(Money? amount) => amount is { } m ? Format(m) : t["NoAmount"];

    public static string Format(Money money) => !IsDanish ? money.ToString()
        : $"{money.Currency} {money.Amount.ToString(money.Amount == decimal.Truncate(money.Amount) ? "#,0" : "#,0.00", DanishNumbers)}";

    public static string Date(DateOnly date) => IsDanish
        ? string.Create(CultureInfo.InvariantCulture, $"{date.Day}. {DanishMonths[date.Month - 1]} {date.Year}")
        : date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A count or ratio with decimals: "2.1" in English, "2,1" in Danish.</summary>
    public static string Number(double value, string format) =>
        value.ToString(format, IsDanish ? DanishNumbers : CultureInfo.InvariantCulture);

    /// <summary>
    /// A reporting period's name: "Q4 2026", "H1 2027", "December 2026", "2026 to date" in English; "4. kvartal 2026",
    /// "1. halvår 2027", "december 2026", "2026 til dato" in Danish.
    /// </summary>
    public static string Period(Period period)
    {
        if (!IsDanish)
        {
            return period.Label;
        }

        var year = period.Label[(period.Label.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var part = period.Key[(period.Key.IndexOf('-', StringComparison.Ordinal) + 1)..];
        return period.Key switch
        {
            ['F', 'Y', ..] when part.Length == 2 && part[0] == 'Q' => $"{part[1]}. kvartal {year}",
            ['F', 'Y', ..] when part.Length == 2 && part[0] == 'H' => $"{part[1]}. halvår {year}",
            ['F', 'Y', ..] when part == "YTD" => period.Label.Replace(" to date", " til dato", StringComparison.Ordinal),
            [>= '0' and <= '9', ..] when period.Key.Length == 7 => $"{DanishMonthNames[period.Start.Month - 1]} {period.Start.Year}",
            _ => period.Label,
        };
    }

    private static readonly string[] DanishMonthNames =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    private static bool IsDanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "da";

    public string Stage(Deal deal, SalesProcess process) => deal.Status switch
    {
        DealStatus.Won => t["StatusWon"],
        DealStatus.Lost => t["StatusLost"],
        _ => t["StageWithProbability", process.Get(deal.Stage).Name, process.Get(deal.Stage).Probability],
    };

    public string Segment(Segment segment) => t["Segment_" + segment];

    public string Ago(DateTimeOffset at, TenantSettings tenant, DateOnly today)
    {
        var days = today.DayNumber - tenant.Today(at).DayNumber;
        return days switch
        {
            <= 0 => t["AgoToday"],
            1 => t["AgoYesterday"],
            _ => t["AgoDays", days],
        };
    }
}
