using SalesBot.Commands;
using SalesBot.Deals;

namespace SalesBot.Tests.Danish;

/// <summary>Danish amounts, snooze lengths, interaction kinds, segments and keywords, read whatever the reply language.</summary>
public class DanishInputTests
{
    /// <summary>Monday 28 December 2026.</summary>
    private static readonly ParseContext Ctx = new(new DateOnly(2026, 12, 28), "DKK");

    [Theory]
    [InlineData("50.000 kr.", 50_000, "DKK")]
    [InlineData("kr. 50.000", 50_000, "DKK")]
    [InlineData("50.000,-", 50_000, "DKK")]
    [InlineData("DKK 50.000", 50_000, "DKK")]
    [InlineData("50.000 DKK", 50_000, "DKK")]
    [InlineData("1.250.000 kr.", 1_250_000, "DKK")]
    [InlineData("1,2 mio.", 1_200_000, "DKK")]
    [InlineData("1,2 mio", 1_200_000, "DKK")]
    [InlineData("1,2mio.", 1_200_000, "DKK")]
    [InlineData("1,2 mio. kr.", 1_200_000, "DKK")]
    [InlineData("DKK 1,2 mio.", 1_200_000, "DKK")]
    [InlineData("1,2 millioner", 1_200_000, "DKK")]
    [InlineData("2 mia.", 2_000_000_000, "DKK")]
    [InlineData("2 mia. kr.", 2_000_000_000, "DKK")]
    [InlineData("2 milliarder", 2_000_000_000, "DKK")]
    [InlineData("50 t.kr.", 50_000, "DKK")]
    [InlineData("50 tkr.", 50_000, "DKK")]
    [InlineData("50 TDKK", 50_000, "DKK")]
    [InlineData("50k", 50_000, "DKK")]
    [InlineData("1.250", 1_250, "DKK")]
    [InlineData("1,25", 1.25, "DKK")]
    public void Reads_Danish_amounts(string text, double amount, string currency)
    {
        Assert.True(AmountParser.TryParse(text, "DKK", out var money), text);
        Assert.Equal((decimal)amount, money.Amount);
        Assert.Equal(currency, money.Currency);
    }

    [Fact]
    public void Kroner_mean_the_teams_own_krone()
    {
        Assert.True(AmountParser.TryParse("50 t.kr.", "SEK", out var sek));
        Assert.Equal(new Money(50_000, "SEK"), sek);
    }

    [Theory]
    [InlineData("2 billioner")]
    [InlineData("2 bio.")]
    [InlineData("DKK 50 EUR")]
    public void A_Danish_billion_is_not_a_thousand_million(string text)
    {
        Assert.False(AmountParser.TryParse(text, "DKK", out var money) && money.Amount == 2_000_000_000m, text);
    }

    [Theory]
    [InlineData("deal ny Nordlys 1,2 mio. kr. mellemstor lukker 31/12", 1_200_000, "MidMarket", "2026-12-31")]
    [InlineData("deal new Nordlys 2 mia. enterprise lukkedato ultimo kvartalet", 2_000_000_000, "Enterprise", "2026-12-31")]
    [InlineData("deal new Nordlys 50.000,- smb lukning næste fredag", 50_000, "Smb", "2027-01-01")]
    public void A_whole_Danish_new_deal(string text, double amount, string segment, string close)
    {
        var command = Assert.IsType<NewDeal>(CommandParser.Parse(text, Ctx).Command);
        Assert.Equal("Nordlys", command.Name);
        Assert.Equal(new Money((decimal)amount, "DKK"), command.Amount);
        Assert.Equal(Enum.Parse<Segment>(segment), command.Segment);
        Assert.Equal(DateOnly.Parse(close, System.Globalization.CultureInfo.InvariantCulture), command.Close);
    }

    [Theory]
    [InlineData("3 dage", 3)]
    [InlineData("1 dag", 1)]
    [InlineData("3dage", 3)]
    [InlineData("2 uger", 14)]
    [InlineData("1 uge", 7)]
    [InlineData("14 dage", 14)]
    public void Reads_Danish_snooze_lengths(string text, int days)
    {
        var command = Assert.IsType<SnoozeDeal>(CommandParser.Parse($"deal snooze Nordlys {text} venter på budget", Ctx).Command);
        Assert.Equal(Ctx.Today.AddDays(days), command.Until);
        Assert.Equal("venter på budget", command.Reason);
        Assert.Equal("Nordlys", command.Deal.Text);
    }

    [Fact]
    public void Snooze_until_a_Danish_date()
    {
        var command = Assert.IsType<SnoozeDeal>(CommandParser.Parse("deal snooze Nordlys til uge 2", Ctx).Command);
        Assert.Equal(new DateOnly(2027, 1, 11), command.Until);
    }

    [Theory]
    [InlineData("opkald", "Call")]
    [InlineData("Opkald", "Call")]
    [InlineData("ringede", "Call")]
    [InlineData("møde", "Meeting")]
    [InlineData("moede", "Meeting")]
    [InlineData("e-mail", "Email")]
    [InlineData("mail", "Email")]
    [InlineData("demo", "Demo")]
    [InlineData("note", "Note")]
    [InlineData("notat", "Note")]
    public void Reads_Danish_interaction_kinds(string word, string kind)
    {
        var command = Assert.IsType<LogInteraction>(CommandParser.Parse($"deal log Nordlys Energi {word} pris ok", Ctx).Command);
        Assert.Equal(Enum.Parse<InteractionKind>(kind), command.Kind);
        Assert.Equal("Nordlys Energi", command.Deal.Text);
        Assert.Equal("pris ok", command.Text);
    }

    [Theory]
    [InlineData("smb", "Smb")]
    [InlineData("mellemstor", "MidMarket")]
    [InlineData("Mellemstore", "MidMarket")]
    [InlineData("mellem", "MidMarket")]
    [InlineData("enterprise", "Enterprise")]
    public void Reads_Danish_segment_words(string word, string segment)
    {
        Assert.Equal(Enum.Parse<Segment>(segment), Segments.Parse(word));
    }

    [Fact]
    public void Moves_to_a_stage_named_in_Danish_keywords()
    {
        var command = Assert.IsType<AdvanceDeal>(CommandParser.Parse("deal advance Nordlys fra Kontakt til Tilbud", Ctx).Command);
        Assert.Equal("Nordlys", command.Deal.Text);
        Assert.Equal("Kontakt", command.From);
        Assert.Equal("Tilbud", command.To);
    }

    [Theory]
    [InlineData("deal flty Nordlys", "deal flyt")]
    [InlineData("deal udskud Nordlys 3 dage", "deal udskyd")]
    [InlineData("deal advnce Nordlys", "deal advance")]
    public void A_mistyped_verb_is_suggested_in_the_language_it_was_typed_in(string text, string suggestion)
    {
        var error = CommandParser.Parse(text, Ctx).Error!;
        Assert.Equal("UnknownVerbSuggest", error.Reason);
        Assert.Equal(suggestion, error.Args[1]);
    }
}
