using SalesBot.Commands;

namespace SalesBot.Tests.Commands;

public class DateParserTests
{
    /// <summary>Friday 27 November 2026.</summary>
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("2026-12-31", "2026-12-31")]
    [InlineData("31/12", "2026-12-31")]
    [InlineData("15/1", "2027-01-15")]
    [InlineData("31.12.2026", "2026-12-31")]
    [InlineData("31/12/27", "2027-12-31")]
    [InlineData("dec 31", "2026-12-31")]
    [InlineData("December 31, 2027", "2027-12-31")]
    [InlineData("31 dec", "2026-12-31")]
    [InlineData("3rd jan", "2027-01-03")]
    [InlineData("today", "2026-11-27")]
    [InlineData("tomorrow", "2026-11-28")]
    [InlineData("yesterday", "2026-11-26")]
    [InlineData("friday", "2026-12-04")]
    [InlineData("next friday", "2026-12-04")]
    [InlineData("monday", "2026-11-30")]
    [InlineData("next week", "2026-11-30")]
    [InlineData("in 2 weeks", "2026-12-11")]
    [InlineData("in two weeks", "2026-12-11")]
    [InlineData("in three days", "2026-11-30")]
    [InlineData("in 3 days", "2026-11-30")]
    [InlineData("in a month", "2026-12-27")]
    [InlineData("end of month", "2026-11-30")]
    [InlineData("end of quarter", "2026-12-31")]
    [InlineData("eoq", "2026-12-31")]
    [InlineData("end of next quarter", "2027-03-31")]
    [InlineData("end of year", "2026-12-31")]
    public void Reads_date(string text, string expected)
    {
        Assert.True(DateParser.TryParse(text, new ParseContext(Today, "DKK"), out var date));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData(1, "2026-12-31", "2026-12-31")]
    [InlineData(2, "2027-01-31", "2027-01-31")]
    [InlineData(4, "2026-12-31", "2027-03-31")]
    [InlineData(7, "2026-12-31", "2027-06-30")]
    public void Quarter_ends_follow_the_fiscal_year(int fiscalStart, string endOfQuarter, string endOfYear)
    {
        var ctx = new ParseContext(Today, "DKK", fiscalStart);
        Assert.True(DateParser.TryParse("end of quarter", ctx, out var quarter));
        Assert.True(DateParser.TryParse("end of year", ctx, out var year));
        Assert.Equal(endOfQuarter, quarter.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(endOfYear, year.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("31/02")]
    [InlineData("2026-13-01")]
    [InlineData("feb 30")]
    [InlineData("someday")]
    [InlineData("32 dec")]
    [InlineData("in 9999 days")]
    [InlineData("fr")]
    public void Refuses_non_dates(string text) => Assert.False(DateParser.TryParse(text, new ParseContext(Today, "DKK"), out _));

    [Theory]
    [InlineData("3d", 3)]
    [InlineData("2w", 14)]
    [InlineData("10 days", 10)]
    [InlineData("1 week", 7)]
    public void Reads_duration(string text, int days)
    {
        Assert.True(DurationParser.TryParse(text, out var parsed));
        Assert.Equal(days, parsed);
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("400d")]
    [InlineData("3x")]
    [InlineData("soon")]
    public void Refuses_non_durations(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
