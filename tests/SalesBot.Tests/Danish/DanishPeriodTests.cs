using SalesBot.Commands;
using SalesBot.Deals;

namespace SalesBot.Tests.Danish;

/// <summary>Danish period words for `pipeline`, around a year end and with a shifted fiscal year.</summary>
public class DanishPeriodTests
{
    [Theory]
    [InlineData("2026-11-27", "dette kvartal", 1, "2026-10-01", "2026-12-31")]
    [InlineData("2026-11-27", "indeværende kvartal", 1, "2026-10-01", "2026-12-31")]
    [InlineData("2026-11-27", "næste kvartal", 1, "2027-01-01", "2027-03-31")]
    [InlineData("2026-11-27", "sidste kvartal", 1, "2026-07-01", "2026-09-30")]
    [InlineData("2026-11-27", "forrige kvartal", 1, "2026-07-01", "2026-09-30")]
    [InlineData("2026-11-27", "denne måned", 1, "2026-11-01", "2026-11-30")]
    [InlineData("2026-11-27", "næste måned", 1, "2026-12-01", "2026-12-31")]
    [InlineData("2026-11-27", "i år", 1, "2026-01-01", "2026-12-31")]
    [InlineData("2026-11-27", "næste år", 1, "2027-01-01", "2027-12-31")]
    [InlineData("2026-11-27", "sidste år", 1, "2025-01-01", "2025-12-31")]
    [InlineData("2026-11-27", "i fjor", 1, "2025-01-01", "2025-12-31")]
    [InlineData("2026-11-27", "år til dato", 1, "2026-01-01", "2026-11-27")]
    [InlineData("2026-11-27", "ÅTD", 1, "2026-01-01", "2026-11-27")]
    [InlineData("2026-11-27", "K1 2027", 1, "2027-01-01", "2027-03-31")]
    [InlineData("2026-11-27", "k4", 1, "2026-10-01", "2026-12-31")]
    [InlineData("2026-11-27", "1. kvartal 2027", 1, "2027-01-01", "2027-03-31")]
    [InlineData("2026-11-27", "2. kvt. 2027", 1, "2027-04-01", "2027-06-30")]
    [InlineData("2026-11-27", "1. halvår", 1, "2026-01-01", "2026-06-30")]
    [InlineData("2026-11-27", "første halvår 2027", 1, "2027-01-01", "2027-06-30")]
    [InlineData("2026-11-27", "andet halvår", 1, "2026-07-01", "2026-12-31")]
    // The year end: on 31 December "næste kvartal" is already next year's first.
    [InlineData("2026-12-31", "dette kvartal", 1, "2026-10-01", "2026-12-31")]
    [InlineData("2026-12-31", "næste kvartal", 1, "2027-01-01", "2027-03-31")]
    [InlineData("2027-01-01", "sidste kvartal", 1, "2026-10-01", "2026-12-31")]
    // A fiscal year from April (regnskabsår): "i år" is April to March.
    [InlineData("2026-11-27", "i år", 4, "2026-04-01", "2027-03-31")]
    [InlineData("2026-11-27", "K1", 4, "2026-04-01", "2026-06-30")]
    public void A_danish_period_is_the_span_a_dane_means(string today, string text, int fiscalStart, string from, string to)
    {
        var words = text.Split(' ');

        var (period, used) = Periods.Parse(words, DateOnly.Parse(today), fiscalStart);

        Assert.Equal(words.Length, used);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (period!.Start, period.End));
    }

    [Theory]
    [InlineData("pipeline dette kvartal", "2026-10-01")]
    [InlineData("pipeline næste kvartal team", "2027-01-01")]
    [InlineData("pipeline 1. halvår 2027 mine", "2027-01-01")]
    public void Pipeline_reads_a_danish_period(string text, string start)
    {
        var parsed = CommandParser.Parse(text, new ParseContext(new DateOnly(2026, 11, 27), "DKK", 1));

        Assert.Null(parsed.Error);
        Assert.Equal(DateOnly.Parse(start), Assert.IsType<ShowPipeline>(parsed.Command).Period!.Start);
    }
}
