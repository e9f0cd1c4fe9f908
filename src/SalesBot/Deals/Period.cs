using System.Globalization;

namespace SalesBot.Deals;

/// <summary>
/// A reporting period, both ends inclusive. Quarters, halves and years are fiscal: they start in the team's fiscal year
/// start month, and fiscal year N is the one that ends in calendar year N (with a January start, the calendar year).
/// </summary>
internal sealed record Period(DateOnly Start, DateOnly End, string Label, string Key)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public int Days => End.DayNumber - Start.DayNumber + 1;
}

internal static class Periods
{
    /// <summary>The fiscal year (numbered by the calendar year it ends in) that contains <paramref name="day"/>.</summary>
    public static int FiscalYear(DateOnly day, int startMonth) =>
        startMonth == 1 ? day.Year : day.Month >= startMonth ? day.Year + 1 : day.Year;

    public static DateOnly FiscalYearStart(int fiscalYear, int startMonth) =>
        new(startMonth == 1 ? fiscalYear : fiscalYear - 1, startMonth, 1);

    public static Period Quarter(int fiscalYear, int quarter, int startMonth)
    {
        var start = FiscalYearStart(fiscalYear, startMonth).AddMonths(3 * (quarter - 1));
        return new Period(start, start.AddMonths(3).AddDays(-1), Label($"Q{quarter}", fiscalYear, startMonth), $"FY{fiscalYear}-Q{quarter}");
    }

    public static Period QuarterOf(DateOnly day, int startMonth, int offset = 0)
    {
        var fy = FiscalYear(day, startMonth);
        var index = (((day.Month - startMonth) % 12) + 12) % 12 / 3 + offset;
        fy += (int)Math.Floor(index / 4.0);
        index = ((index % 4) + 4) % 4;
        return Quarter(fy, index + 1, startMonth);
    }

    public static Period Half(int fiscalYear, int half, int startMonth)
    {
        var start = FiscalYearStart(fiscalYear, startMonth).AddMonths(6 * (half - 1));
        return new Period(start, start.AddMonths(6).AddDays(-1), Label($"H{half}", fiscalYear, startMonth), $"FY{fiscalYear}-H{half}");
    }

    public static Period Year(int fiscalYear, int startMonth)
    {
        var start = FiscalYearStart(fiscalYear, startMonth);
        return new Period(start, start.AddYears(1).AddDays(-1), startMonth == 1 ? fiscalYear.ToString(CultureInfo.InvariantCulture) : $"FY{fiscalYear}", $"FY{fiscalYear}");
    }

    public static Period Month(DateOnly day, int offset = 0)
    {
        var start = new DateOnly(day.Year, day.Month, 1).AddMonths(offset);
        return new Period(start, start.AddMonths(1).AddDays(-1), start.ToString("MMMM yyyy", CultureInfo.InvariantCulture), start.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Reads a period from the start of <paramref name="words"/>: this|next|last quarter, Q1 [2027], H1|H2 [2027],
    /// this|next|last month, this|next|last year, ytd. Returns how many words it used (0: none found).
    /// </summary>
    private static Period YearToDate(int fy, int startMonth, DateOnly today) =>
        new(FiscalYearStart(fy, startMonth), today, $"{Year(fy, startMonth).Label} to date", $"FY{fy}-YTD");

    public static (Period? Period, int Used) Parse(IReadOnlyList<string> words, DateOnly today, int startMonth)
    {
        string W(int i) => i < words.Count ? words[i].ToLowerInvariant() : string.Empty;
        int? YearAt(int i) => int.TryParse(W(i).TrimStart('f', 'y'), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100 ? y : null;
        var fy = FiscalYear(today, startMonth);
        // English and Danish alike: "next quarter", "næste kvartal", "i år", "år til dato", "K1 2027", "1. halvår".
        var shift = W(0) switch
        {
            "this" or "current" or "denne" or "dette" or "indeværende" or "indevaerende" => 0,
            "next" or "næste" or "naeste" => 1,
            "last" or "previous" or "prev" or "sidste" or "forrige" => -1,
            _ => (int?)null,
        };
        if (shift is { } s)
        {
            return W(1) switch
            {
                "quarter" or "q" or "kvartal" => (QuarterOf(today, startMonth, s), 2),
                "month" or "måned" or "maaned" => (Month(today, s), 2),
                "year" or "fy" or "år" or "aar" or "regnskabsår" => (Year(fy + s, startMonth), 2),
                _ => (null, 0),
            };
        }

        var w = W(0);
        switch (w, W(1), W(2))
        {
            case ("i", "år" or "aar", _):
                return (Year(fy, startMonth), 2);
            case ("i", "fjor", _):
                return (Year(fy - 1, startMonth), 2);
            case ("år" or "aar", "til", "dato"):
                return (YearToDate(fy, startMonth, today), 3);
            case ("åtd" or "aatd", _, _):
                return (YearToDate(fy, startMonth, today), 1);
            case ("1." or "2." or "3." or "4." or "første" or "foerste" or "anden" or "andet", var unit, _)
                when unit is "kvartal" or "kvt." or "kvt" or "halvår" or "halvaar":
                var ordinal = w switch { "første" or "foerste" => 1, "anden" or "andet" => 2, _ => w[0] - '0' };
                var inYear = YearAt(2);
                var taken = inYear is null ? 2 : 3;
                return unit.StartsWith("kv", StringComparison.Ordinal)
                    ? (Quarter(inYear ?? fy, ordinal, startMonth), taken)
                    : ordinal is 1 or 2 ? (Half(inYear ?? fy, ordinal, startMonth), taken) : (null, 0);
        }

        if (w is "ytd")
        {
            return (YearToDate(fy, startMonth, today), 1);
        }

        if (w.Length == 2 && (w[0] == 'q' || w[0] == 'k' || w[0] == 'h') && char.IsDigit(w[1]))
        {
            var n = w[1] - '0';
            var year = YearAt(1);
            var used = year is null ? 1 : 2;
            return w[0] is 'q' or 'k' && n is >= 1 and <= 4 ? (Quarter(year ?? fy, n, startMonth), used)
                : w[0] == 'h' && n is 1 or 2 ? (Half(year ?? fy, n, startMonth), used)
                : (null, 0);
        }

        if (w.StartsWith("fy", StringComparison.Ordinal) && FromKey(w, today, startMonth) is { } keyed)
        {
            return (keyed, 1);
        }

        if (w.Length == 7 && w[4] == '-' && DateOnly.TryParseExact(w + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return (Month(month), 1);
        }

        return (null, 0);
    }

    /// <summary>
    /// The longer periods that contain the period with this key, shortest first, each with how many such periods make
    /// it up: a month (yyyy-MM) is in its quarter (3), half (6) and year (12); a quarter in its half (2) and year (4);
    /// a half in its year (2). Other keys have none.
    /// </summary>
    public static IEnumerable<(string Key, int Parts)> Containing(string key, int startMonth)
    {
        if (DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var monthStart))
        {
            var quarter = QuarterOf(monthStart, startMonth);
            var fy = FiscalYear(monthStart, startMonth);
            return [(quarter.Key, 3), ($"FY{fy}-H{(quarter.Key[^1] - '0' + 1) / 2}", 6), ($"FY{fy}", 12)];
        }

        var parts = key.ToUpperInvariant().Split('-');
        return parts switch
        {
            [var year, ['Q', var q and >= '1' and <= '4']] when year.StartsWith("FY", StringComparison.Ordinal) => [($"{year}-H{(q - '0' + 1) / 2}", 2), (year, 4)],
            [var year, ['H', '1' or '2']] when year.StartsWith("FY", StringComparison.Ordinal) => [(year, 2)],
            _ => [],
        };
    }

    /// <summary>A period from its key (FY2027, FY2027-Q1, FY2027-H2, FY2027-YTD), as buttons carry it.</summary>
    private static Period? FromKey(string key, DateOnly today, int startMonth)
    {
        var parts = key.ToUpperInvariant().Split('-');
        if (!int.TryParse(parts[0].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var fy) || fy is < 2000 or > 2100)
        {
            return null;
        }

        return parts switch
        {
            [_] => Year(fy, startMonth),
            [_, "YTD"] => new Period(FiscalYearStart(fy, startMonth), today, $"{Year(fy, startMonth).Label} to date", $"FY{fy}-YTD"),
            [_, ['Q', >= '1' and <= '4']] => Quarter(fy, parts[1][1] - '0', startMonth),
            [_, ['H', '1' or '2']] => Half(fy, parts[1][1] - '0', startMonth),
            _ => null,
        };
    }

    private static string Label(string part, int fiscalYear, int startMonth) =>
        startMonth == 1 ? $"{part} {fiscalYear}" : $"{part} FY{fiscalYear}";
}
