using SalesBot.Commands;

namespace SalesBot.Tests.Commands;

public class AmountParserTests
{
    [Theory]
    [InlineData("50000", 50_000, "DKK")]
    [InlineData("50k", 50_000, "DKK")]
    [InlineData("75K", 75_000, "DKK")]
    [InlineData("1.2m", 1_200_000, "DKK")]
    [InlineData("1,5m", 1_500_000, "DKK")]
    [InlineData("2bn", 2_000_000_000, "DKK")]
    [InlineData("50.000 kr", 50_000, "DKK")]
    [InlineData("50.000 kr.", 50_000, "DKK")]
    [InlineData("DKK 50,000", 50_000, "DKK")]
    [InlineData("€50k", 50_000, "EUR")]
    [InlineData("50k€", 50_000, "EUR")]
    [InlineData("$1,200.50", 1_200.50, "USD")]
    [InlineData("1.234.567", 1_234_567, "DKK")]
    [InlineData("1.234.567,89", 1_234_567.89, "DKK")]
    [InlineData("50 EUR", 50, "EUR")]
    [InlineData("kr 500", 500, "DKK")]
    [InlineData("12'500", 12_500, "DKK")]
    [InlineData("1.5", 1.5, "DKK")]
    [InlineData("sek 10k", 10_000, "SEK")]
    public void Reads_amount(string text, double amount, string currency)
    {
        Assert.True(AmountParser.TryParse(text, "DKK", out var money));
        Assert.Equal((decimal)amount, money.Amount);
        Assert.Equal(currency, money.Currency);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData("99999999999999999999999")]
    [InlineData("5000bn")]
    [InlineData("-50")]
    [InlineData("50xyz")]
    public void Refuses_non_amounts(string text) => Assert.False(AmountParser.TryParse(text, "DKK", out _));

    [Fact]
    public void Kroner_follow_a_scandinavian_default_currency()
    {
        Assert.True(AmountParser.TryParse("500 kr", "SEK", out var sek));
        Assert.Equal("SEK", sek.Currency);
        Assert.True(AmountParser.TryParse("500 kr", "EUR", out var fallback));
        Assert.Equal("DKK", fallback.Currency);
    }
}
