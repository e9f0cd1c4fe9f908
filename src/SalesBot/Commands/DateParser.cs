using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesBot.Commands;

/// <summary>
/// Reads dates: ISO (2026-12-31), day first (31/12, 31.12.2026, 31-12), month names (dec 31, 31 december 2027),
/// weekdays (friday, next friday), relative (today, tomorrow, in 2 weeks) and period ends (end of quarter); and the
/// same in Danish (i dag, i morgen, på fredag, næste uge, om 2 uger, ultimo kvartalet, uge 50, d. 31. december,
/// marts, maj…), whatever the reader's language. A date without a year is the next such day from today.
/// </summary>
internal static partial class DateParser
{
    private const int MaxTokens = 4;

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?<d>\d{1,2})[/.\-](?<m>\d{1,2})(?:[/.\- ](?<y>\d{2}|\d{4}))?\.?$")]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"^(?:d\.? )?(?<d>\d{1,2})(?:st|nd|rd|th)?\.? (?<mon>[a-zæøå]+)\.?,?(?: (?<y>\d{4}))?$")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"^(?<mon>[a-zæøå]+)\.? (?<d>\d{1,2})(?:st|nd|rd|th)?,?(?: (?<y>\d{4}))?$")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"^in (?<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten) ?(?<unit>d|days?|w|weeks?|months?)$")]
    private static partial Regex InRelative();

    [GeneratedRegex(@"^(?:end of|eo) ?(?<next>next )?(?<unit>week|month|quarter|q|year|y|m|w)$")]
    private static partial Regex EndOf();

    [GeneratedRegex(@"^om (?<n>\d{1,3}|en|et|to|tre|fire|fem|seks|syv|otte|ni|ti) (?<unit>dage?|uger?|måned(?:er)?|maaned(?:er)?)$")]
    private static partial Regex OmRelative();

    [GeneratedRegex(@"^(?:ultimo|slutningen af|udgangen af) (?<next>næste |naeste )?(?<unit>ugen|uge|måneden|maaneden|måned|kvartalet|kvartal|året|aaret|år)$")]
    private static partial Regex Ultimo();

    [GeneratedRegex(@"^(?:i )?uge (?<w>\d{1,2})(?: (?<y>\d{4}))?$")]
    private static partial Regex IsoWeek();

    private static readonly string[] DanishWeekdays = ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"];
    private static readonly string[] DanishMonths =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    /// <summary>Parses the longest date that starts at <paramref name="index"/>.</summary>
    public static bool TryParse(IReadOnlyList<Token> tokens, int index, ParseContext ctx, out DateOnly date, out int consumed)
    {
        for (var n = Math.Min(MaxTokens, tokens.Count - index); n >= 1; n--)
        {
            var span = tokens.Skip(index).Take(n).ToArray();
            if (span.Any(t => t.Quoted))
            {
                continue;
            }

            if (TryParse(Token.Join(span), ctx, out date))
            {
                consumed = n;
                return true;
            }
        }

        date = default;
        consumed = 0;
        return false;
    }

    public static bool TryParse(string text, ParseContext ctx, out DateOnly date)
    {
        var s = text.Trim().ToLowerInvariant();
        date = default;
        var today = ctx.Today;
        switch (s)
        {
            case "today":
                date = today;
                return true;
            case "yesterday":
                date = today.AddDays(-1);
                return true;
            case "tomorrow":
            case "tmrw":
                date = today.AddDays(1);
                return true;
            case "next week":
            case "næste uge" or "naeste uge" or "i næste uge" or "i naeste uge":
                date = NextWeekday(today, DayOfWeek.Monday);
                return true;
            case "i dag" or "idag":
                date = today;
                return true;
            case "i morgen" or "imorgen":
                date = today.AddDays(1);
                return true;
            case "i overmorgen" or "iovermorgen":
                date = today.AddDays(2);
                return true;
            case "i går" or "igår" or "i gaar" or "igaar":
                date = today.AddDays(-1);
                return true;
            case "i forgårs" or "iforgårs" or "i forgaars" or "iforgaars":
                date = today.AddDays(-2);
                return true;
        }

        if (Iso().Match(s) is { Success: true } iso)
        {
            return TryMake(Int(iso, "y"), Int(iso, "m"), Int(iso, "d"), out date);
        }

        if (DayFirst().Match(s) is { Success: true } df)
        {
            return Resolve(df, Int(df, "m"), today, out date);
        }

        if (DayMonth().Match(s) is { Success: true } dm && MonthOf(dm.Groups["mon"].Value) is { } m1)
        {
            return Resolve(dm, m1, today, out date);
        }

        if (MonthDay().Match(s) is { Success: true } md && MonthOf(md.Groups["mon"].Value) is { } m2)
        {
            return Resolve(md, m2, today, out date);
        }

        var words = s.Split(' ');
        if (words is ["next" or "this" or "på" or "paa" or "næste" or "naeste" or "denne", var w] && WeekdayOf(w) is { } d1)
        {
            // "næste fredag" is read as the coming Friday, like "next friday"; the reply echoes the date.
            date = NextWeekday(today, d1);
            return true;
        }

        if (words is [var dayWord, "i", "næste" or "naeste", "uge"] && WeekdayOf(dayWord) is { } inNextWeek)
        {
            date = NextWeekday(today, DayOfWeek.Monday).AddDays(((int)inNextWeek + 6) % 7);
            return true;
        }

        if (OmRelative().Match(s) is { Success: true } om)
        {
            date = After(today, om);
            return true;
        }

        if (Ultimo().Match(s) is { Success: true } ultimo)
        {
            var unit = ultimo.Groups["unit"].Value switch
            {
                "ugen" or "uge" => "week",
                "måneden" or "maaneden" or "måned" => "month",
                "kvartalet" or "kvartal" => "quarter",
                _ => "year",
            };
            date = EndOfPeriod(unit, ultimo.Groups["next"].Success, ctx);
            return true;
        }

        if (IsoWeek().Match(s) is { Success: true } week)
        {
            return TryIsoWeek(Int(week, "w"), week.Groups["y"].Success ? Int(week, "y") : null, today, out date);
        }

        if (words is [var single] && WeekdayOf(single) is { } d2)
        {
            date = NextWeekday(today, d2);
            return true;
        }

        if (InRelative().Match(s) is { Success: true } rel)
        {
            date = After(today, rel);
            return true;
        }

        if (EndOf().Match(s) is { Success: true } end)
        {
            date = EndOfPeriod(end.Groups["unit"].Value, end.Groups["next"].Success, ctx);
            return true;
        }

        return false;
    }

    /// <summary>Last day of the current (or next) fiscal quarter that contains <paramref name="day"/>.</summary>
    public static DateOnly EndOfQuarter(DateOnly day, int fiscalYearStartMonth, int quartersAhead = 0)
    {
        var monthsIntoYear = ((day.Month - fiscalYearStartMonth) % 12 + 12) % 12;
        var quarterStart = new DateOnly(day.Year, day.Month, 1).AddMonths(-(monthsIntoYear % 3));
        return quarterStart.AddMonths(3 * (quartersAhead + 1)).AddDays(-1);
    }

    private static DateOnly EndOfPeriod(string unit, bool next, ParseContext ctx)
    {
        var today = ctx.Today;
        var ahead = next ? 1 : 0;
        switch (unit)
        {
            case "week" or "w":
                var sunday = today.AddDays(((int)DayOfWeek.Sunday - (int)today.DayOfWeek + 7) % 7);
                return sunday.AddDays(7 * ahead);
            case "month" or "m":
                var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 + ahead);
                return first.AddDays(-1);
            case "quarter" or "q":
                return EndOfQuarter(today, ctx.FiscalYearStartMonth, ahead);
            default:
                return EndOfQuarter(today, ctx.FiscalYearStartMonth, 3 - FiscalQuarterIndex(today, ctx.FiscalYearStartMonth) + 4 * ahead);
        }
    }

    private static int FiscalQuarterIndex(DateOnly day, int fiscalYearStartMonth) =>
        (((day.Month - fiscalYearStartMonth) % 12 + 12) % 12) / 3;

    private static bool Resolve(Match m, int month, DateOnly today, out DateOnly date)
    {
        var day = Int(m, "d");
        if (m.Groups["y"].Success)
        {
            var year = Int(m, "y");
            return TryMake(year < 100 ? 2000 + year : year, month, day, out date);
        }

        if (!TryMake(today.Year, month, day, out date) && !TryMake(today.Year + 1, month, day, out date))
        {
            return false;
        }

        if (date < today)
        {
            return TryMake(today.Year + 1, month, day, out date);
        }

        return true;
    }

    private static bool TryMake(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 2000 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int? MonthOf(string word)
    {
        if (word.Length < 3)
        {
            return null;
        }

        var names = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
        var i = Array.FindIndex(names, name => name.Length > 0 && name.ToLowerInvariant().StartsWith(word, StringComparison.Ordinal));
        if (i < 0)
        {
            i = Array.FindIndex(DanishMonths, name => name.StartsWith(word, StringComparison.Ordinal));
        }

        return i >= 0 ? i + 1 : null;
    }

    /// <summary>Monday of ISO week <paramref name="week"/>: of <paramref name="year"/>, or its next occurrence from today.</summary>
    private static bool TryIsoWeek(int week, int? year, DateOnly today, out DateOnly date)
    {
        date = default;
        var isoYear = year ?? ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue));
        for (var attempt = 0; attempt < (year is null ? 2 : 1); attempt++, isoYear++)
        {
            if (isoYear is < 2000 or > 2100 || week < 1 || week > ISOWeek.GetWeeksInYear(isoYear))
            {
                continue;
            }

            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(isoYear, week, DayOfWeek.Monday));
            if (year is not null || monday.AddDays(6) >= today)
            {
                date = monday;
                return true;
            }
        }

        return false;
    }

    private static DayOfWeek? WeekdayOf(string word)
    {
        if (word.Length < 3)
        {
            return null;
        }

        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            if (day.ToString().ToLowerInvariant().StartsWith(word, StringComparison.Ordinal))
            {
                return day;
            }
        }

        // Danish, also typed without æ/ø/å (lørdag as lordag or loerdag).
        var danish = word.Replace("oe", "ø", StringComparison.Ordinal).Replace("ae", "æ", StringComparison.Ordinal);
        for (var d = 0; d < DanishWeekdays.Length; d++)
        {
            var name = DanishWeekdays[d];
            if (name.StartsWith(danish, StringComparison.Ordinal) || name.Replace('ø', 'o').StartsWith(word, StringComparison.Ordinal))
            {
                return (DayOfWeek)d;
            }
        }

        return null;
    }

    /// <summary>The first such weekday strictly after today.</summary>
    private static DateOnly NextWeekday(DateOnly today, DayOfWeek day)
    {
        var delta = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(delta == 0 ? 7 : delta);
    }

    /// <summary>"in 2 weeks", "om tre dage": <c>n</c> days (d…), weeks (w…, u…) or months after today.</summary>
    private static DateOnly After(DateOnly today, Match relative)
    {
        var n = Count(relative.Groups["n"].Value);
        return relative.Groups["unit"].Value[0] switch
        {
            'd' => today.AddDays(n),
            'w' or 'u' => today.AddDays(7 * n),
            _ => today.AddMonths(n),
        };
    }

    /// <summary>"3", "three", "tre", "a", "en" → the number they mean (up to ten in words).</summary>
    private static int Count(string word) => word switch
    {
        "a" or "an" or "one" or "en" or "et" => 1,
        "two" or "to" => 2,
        "three" or "tre" => 3,
        "four" or "fire" => 4,
        "five" or "fem" => 5,
        "six" or "seks" => 6,
        "seven" or "syv" => 7,
        "eight" or "otte" => 8,
        "nine" or "ni" => 9,
        "ten" or "ti" => 10,
        _ => int.Parse(word, CultureInfo.InvariantCulture),
    };
}
