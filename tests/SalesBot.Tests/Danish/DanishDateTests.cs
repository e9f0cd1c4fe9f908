using SalesBot.Commands;

namespace SalesBot.Tests.Danish;

/// <summary>Danish date words, around a year end, a quarter end and a daylight-saving change.</summary>
public class DanishDateTests
{
    [Theory]
    // Monday 28 December 2026: the year end.
    [InlineData("2026-12-28", "i dag", "2026-12-28")]
    [InlineData("2026-12-28", "i morgen", "2026-12-29")]
    [InlineData("2026-12-28", "imorgen", "2026-12-29")]
    [InlineData("2026-12-28", "i overmorgen", "2026-12-30")]
    [InlineData("2026-12-28", "i går", "2026-12-27")]
    [InlineData("2026-12-28", "igaar", "2026-12-27")]
    [InlineData("2026-12-28", "i forgårs", "2026-12-26")]
    [InlineData("2026-12-28", "fredag", "2027-01-01")]
    [InlineData("2026-12-28", "på fredag", "2027-01-01")]
    [InlineData("2026-12-28", "næste fredag", "2027-01-01")]
    [InlineData("2026-12-28", "fredag i næste uge", "2027-01-08")]
    [InlineData("2026-12-28", "man", "2027-01-04")]
    [InlineData("2026-12-28", "tirs", "2026-12-29")]
    [InlineData("2026-12-28", "lørdag", "2027-01-02")]
    [InlineData("2026-12-28", "lordag", "2027-01-02")]
    [InlineData("2026-12-28", "loerdag", "2027-01-02")]
    [InlineData("2026-12-28", "søndag", "2027-01-03")]
    [InlineData("2026-12-28", "næste uge", "2027-01-04")]
    [InlineData("2026-12-28", "i næste uge", "2027-01-04")]
    [InlineData("2026-12-28", "om 3 dage", "2026-12-31")]
    [InlineData("2026-12-28", "om 2 uger", "2027-01-11")]
    [InlineData("2026-12-28", "om 14 dage", "2027-01-11")]
    [InlineData("2026-12-28", "om to uger", "2027-01-11")]
    [InlineData("2026-12-28", "om tre dage", "2026-12-31")]
    [InlineData("2026-12-28", "om ti dage", "2027-01-07")]
    [InlineData("2026-12-28", "om to måneder", "2027-02-28")]
    [InlineData("2026-12-28", "om en uge", "2027-01-04")]
    [InlineData("2026-12-28", "om en måned", "2027-01-28")]
    [InlineData("2026-12-28", "uge 1", "2027-01-04")]
    [InlineData("2026-12-28", "uge 53", "2026-12-28")]
    [InlineData("2026-12-28", "i uge 50", "2027-12-13")]
    [InlineData("2026-12-28", "uge 50 2026", "2026-12-07")]
    [InlineData("2026-12-28", "ultimo måneden", "2026-12-31")]
    [InlineData("2026-12-28", "ultimo kvartalet", "2026-12-31")]
    [InlineData("2026-12-28", "ultimo næste kvartal", "2027-03-31")]
    [InlineData("2026-12-28", "udgangen af året", "2026-12-31")]
    [InlineData("2026-12-28", "31/12", "2026-12-31")]
    [InlineData("2026-12-28", "31.12", "2026-12-31")]
    [InlineData("2026-12-28", "31-12", "2026-12-31")]
    [InlineData("2026-12-28", "2/1", "2027-01-02")]
    [InlineData("2026-12-28", "31.12.2026", "2026-12-31")]
    [InlineData("2026-12-28", "31.12.26", "2026-12-31")]
    [InlineData("2026-12-28", "31-12-2026", "2026-12-31")]
    [InlineData("2026-12-28", "31/12-2026", "2026-12-31")]
    [InlineData("2026-12-28", "31/12 2026", "2026-12-31")]
    [InlineData("2026-12-28", "31. december", "2026-12-31")]
    [InlineData("2026-12-28", "d. 31. december", "2026-12-31")]
    [InlineData("2026-12-28", "1. marts", "2027-03-01")]
    [InlineData("2026-12-28", "17. maj 2027", "2027-05-17")]
    [InlineData("2026-12-28", "3. okt", "2027-10-03")]
    // Tuesday 29 September 2026: a quarter end.
    [InlineData("2026-09-29", "ultimo kvartalet", "2026-09-30")]
    [InlineData("2026-09-29", "ultimo næste kvartal", "2026-12-31")]
    [InlineData("2026-09-29", "om en måned", "2026-10-29")]
    // Friday 27 March 2026: summer time starts on Sunday 29 March.
    [InlineData("2026-03-27", "på søndag", "2026-03-29")]
    [InlineData("2026-03-27", "mandag", "2026-03-30")]
    [InlineData("2026-03-27", "fredag", "2026-04-03")]
    [InlineData("2026-03-27", "om 3 dage", "2026-03-30")]
    public void A_danish_date_word_is_read_as_the_day_a_dane_means(string today, string text, string expected)
    {
        Assert.True(DateParser.TryParse(text, new ParseContext(DateOnly.Parse(today), "DKK", 1), out var date), text);
        Assert.Equal(DateOnly.Parse(expected), date);
    }

    [Theory]
    [InlineData("uge 53 2027")]
    [InlineData("uge 0")]
    [InlineData("om mange dage")]
    [InlineData("31/13")]
    public void Impossible_danish_dates_are_not_dates(string text) =>
        Assert.False(DateParser.TryParse(text, new ParseContext(new DateOnly(2026, 12, 28), "DKK", 1), out _));
}
