namespace SalesBot.Deals;

/// <summary>
/// Built-in public-holiday calendars a team can select (<c>Tenants:…:HolidayCalendar</c>), beside its own
/// <c>Holidays</c>. Pure: the dates follow from the year.
/// </summary>
internal static class HolidayCalendars
{
    public const string Denmark = "DK";

    public static readonly IReadOnlyList<string> Known = [Denmark];

    public static bool IsKnown(string calendar) => Known.Contains(calendar.ToUpperInvariant());

    public static IEnumerable<DateOnly> For(string calendar, int fromYear, int toYear) => calendar.ToUpperInvariant() switch
    {
        Denmark => Enumerable.Range(fromYear, toYear - fromYear + 1).SelectMany(DanishHolidays),
        _ => throw new ArgumentException($"Unknown holiday calendar '{calendar}'; known: {string.Join(", ", Known)}.", nameof(calendar)),
    };

    /// <summary>
    /// Danish public holidays (helligdage): nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi
    /// himmelfartsdag, pinsedag, 2. pinsedag, juledag and 2. juledag; store bededag only before 2024, when it was
    /// abolished as a holiday. Grundlovsdag, 1 May, 24 and 31 December are days off by agreement only: a team adds
    /// them to its own Holidays.
    /// </summary>
    public static IEnumerable<DateOnly> DanishHolidays(int year)
    {
        var easter = EasterSunday(year);
        yield return new DateOnly(year, 1, 1);
        yield return easter.AddDays(-3);
        yield return easter.AddDays(-2);
        yield return easter;
        yield return easter.AddDays(1);
        if (year < 2024)
        {
            yield return easter.AddDays(26);
        }

        yield return easter.AddDays(39);
        yield return easter.AddDays(49);
        yield return easter.AddDays(50);
        yield return new DateOnly(year, 12, 25);
        yield return new DateOnly(year, 12, 26);
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
