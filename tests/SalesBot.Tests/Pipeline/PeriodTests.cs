using SalesBot.Deals;

namespace SalesBot.Tests.Pipeline;

public class PeriodTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Period Parse(string text, int fiscalStart = 1)
    {
        var (period, used) = Periods.Parse(text.Split(' '), Today, fiscalStart);
        Assert.Equal(text.Split(' ').Length, used);
        return period!;
    }

    [Theory]
    // January fiscal year = calendar year.
    [InlineData("this quarter", 1, "2026-10-01", "2026-12-31", "Q4 2026")]
    [InlineData("next quarter", 1, "2027-01-01", "2027-03-31", "Q1 2027")]
    [InlineData("last quarter", 1, "2026-07-01", "2026-09-30", "Q3 2026")]
    [InlineData("Q1 2027", 1, "2027-01-01", "2027-03-31", "Q1 2027")]
    [InlineData("q2", 1, "2026-04-01", "2026-06-30", "Q2 2026")]
    [InlineData("H2", 1, "2026-07-01", "2026-12-31", "H2 2026")]
    [InlineData("this year", 1, "2026-01-01", "2026-12-31", "2026")]
    [InlineData("ytd", 1, "2026-01-01", "2026-11-27", "2026 to date")]
    [InlineData("this month", 1, "2026-11-01", "2026-11-30", "November 2026")]
    [InlineData("next month", 1, "2026-12-01", "2026-12-31", "December 2026")]
    // April fiscal year: FY2027 runs April 2026 – March 2027.
    [InlineData("this quarter", 4, "2026-10-01", "2026-12-31", "Q3 FY2027")]
    [InlineData("next quarter", 4, "2027-01-01", "2027-03-31", "Q4 FY2027")]
    [InlineData("Q1", 4, "2026-04-01", "2026-06-30", "Q1 FY2027")]
    [InlineData("Q1 2028", 4, "2027-04-01", "2027-06-30", "Q1 FY2028")]
    [InlineData("this year", 4, "2026-04-01", "2027-03-31", "FY2027")]
    [InlineData("ytd", 4, "2026-04-01", "2026-11-27", "FY2027 to date")]
    // July fiscal year: FY2027 runs July 2026 – June 2027.
    [InlineData("this quarter", 7, "2026-10-01", "2026-12-31", "Q2 FY2027")]
    [InlineData("last quarter", 7, "2026-07-01", "2026-09-30", "Q1 FY2027")]
    [InlineData("next quarter", 7, "2027-01-01", "2027-03-31", "Q3 FY2027")]
    [InlineData("H2", 7, "2027-01-01", "2027-06-30", "H2 FY2027")]
    [InlineData("last year", 7, "2025-07-01", "2026-06-30", "FY2026")]
    public void Periods_follow_the_fiscal_year(string text, int fiscalStart, string start, string end, string label)
    {
        var period = Parse(text, fiscalStart);

        Assert.Equal((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), label),
            (period.Start, period.End, period.Label));
    }

    [Theory]
    [InlineData(1, "fy2026-q4")]
    [InlineData(4, "fy2027-q3")]
    [InlineData(7, "fy2027-h1")]
    public void A_period_reads_back_from_its_key(int fiscalStart, string key)
    {
        var period = Parse(key, fiscalStart);

        Assert.Equal(key, period.Key.ToLowerInvariant());
        Assert.Equal(period, Parse(period.Key.ToLowerInvariant(), fiscalStart));
    }

    [Fact]
    public void Quarter_boundaries_are_inclusive_and_contiguous()
    {
        var q = Periods.QuarterOf(new DateOnly(2026, 12, 31), 1);
        var next = Periods.QuarterOf(new DateOnly(2027, 1, 1), 1);

        Assert.True(q.Contains(new DateOnly(2026, 12, 31)));
        Assert.False(q.Contains(new DateOnly(2027, 1, 1)));
        Assert.Equal(q.End.AddDays(1), next.Start);
        Assert.Equal(92, q.Days);
    }

    [Theory]
    [InlineData(1, "this month", "FY2026-Q4:3 FY2026-H2:6 FY2026:12")]
    [InlineData(1, "this quarter", "FY2026-H2:2 FY2026:4")]
    [InlineData(1, "H1 2027", "FY2027:2")]
    [InlineData(4, "this month", "FY2027-Q3:3 FY2027-H2:6 FY2027:12")]
    [InlineData(4, "next quarter", "FY2027-H2:2 FY2027:4")]
    [InlineData(7, "this month", "FY2027-Q2:3 FY2027-H1:6 FY2027:12")]
    [InlineData(1, "this year", "")]
    [InlineData(1, "ytd", "")]
    public void A_period_lies_in_longer_ones_that_a_quota_can_be_split_from(int fiscalStart, string text, string expected)
    {
        var containing = Periods.Containing(Parse(text, fiscalStart).Key, fiscalStart);

        Assert.Equal(expected, string.Join(' ', containing.Select(c => $"{c.Key}:{c.Parts}")));
    }
}
