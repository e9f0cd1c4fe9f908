using SalesBot.Commands;
using SalesBot.Deals;

namespace SalesBot.Tests.Commands;

public class CommandParserTests
{
    /// <summary>Friday 27 November 2026.</summary>
    private static readonly ParseContext Ctx = new(new DateOnly(2026, 11, 27), "DKK");

    private static DealRef Ref(string text, string verb, string after = "", bool tail = false) => new(text, "deal " + verb, after, tail);

    private static Money Dkk(decimal amount) => new(amount, "DKK");

    // Typed as object: a public test method cannot take the internal Command type.
    public static TheoryData<string, object> Commands => new()
    {
        // Every way a channel delivers the same command.
        { "deal advance Acme", new AdvanceDeal(Ref("Acme", "advance"), null, null) },
        { "/deal advance Acme", new AdvanceDeal(Ref("Acme", "advance"), null, null) },
        { "advance Acme", new AdvanceDeal(Ref("Acme", "advance"), null, null) },
        { "@SalesBot deal advance Acme", new AdvanceDeal(Ref("Acme", "advance"), null, null) },
        { "  Deal   ADVANCE\u00A0Acme ", new AdvanceDeal(Ref("Acme", "advance"), null, null) },
        { "deal adv Acme", new AdvanceDeal(Ref("Acme", "advance"), null, null) },

        { "deal new Acme Corp 50k enterprise close dec 31", new NewDeal("Acme Corp", Dkk(50_000), Segment.Enterprise, new DateOnly(2026, 12, 31), null) },
        { "deal new Acme Corp", new NewDeal("Acme Corp", null, null, null, null) },
        { "deal new \"3M Denmark\" 1.2m smb", new NewDeal("3M Denmark", Dkk(1_200_000), Segment.Smb, null, null) },
        { "deal new Nordic Bank €50k mid owner @bob", new NewDeal("Nordic Bank", new Money(50_000, "EUR"), Segment.MidMarket, null, "@bob") },
        { "deal new Acme DKK 50,000", new NewDeal("Acme", Dkk(50_000), null, null, null) },
        { "deal new Acme 50.000 kr", new NewDeal("Acme", Dkk(50_000), null, null, null) },
        { "deal new Acme $1,200.50", new NewDeal("Acme", new Money(1_200.50m, "USD"), null, null, null) },
        { "deal new Acme 50k close 2027-03-31", new NewDeal("Acme", Dkk(50_000), null, new DateOnly(2027, 3, 31), null) },
        { "deal new Acme 50k close in 2 weeks", new NewDeal("Acme", Dkk(50_000), null, new DateOnly(2026, 12, 11), null) },
        { "deal new Acme 50k close end of quarter", new NewDeal("Acme", Dkk(50_000), null, new DateOnly(2026, 12, 31), null) },
        { "deal new Acme 20k close next friday", new NewDeal("Acme", Dkk(20_000), null, new DateOnly(2026, 12, 4), null) },
        { "deal new Acme 20k close 31/12", new NewDeal("Acme", Dkk(20_000), null, new DateOnly(2026, 12, 31), null) },
        { "deal new Acme 20k close 15/1", new NewDeal("Acme", Dkk(20_000), null, new DateOnly(2027, 1, 15), null) },
        { "deal new Acme 20k close 31.03.2027", new NewDeal("Acme", Dkk(20_000), null, new DateOnly(2027, 3, 31), null) },
        { "deal new Acme @U123", new NewDeal("Acme", null, null, null, "@U123") },
        { "deal create Søren & Co ApS", new NewDeal("Søren & Co ApS", null, null, null, null) },

        { "deal advance Acme Corp to present offer", new AdvanceDeal(Ref("Acme Corp", "advance", "to present offer"), "present offer", null) },
        { "deal advance D-7F3A from contact", new AdvanceDeal(Ref("D-7F3A", "advance", "from contact"), null, "contact") },
        { "deal advance Acme from contact to present offer", new AdvanceDeal(Ref("Acme", "advance", "from contact to present offer"), "present offer", "contact") },
        { "deal back Acme", new BackDeal(Ref("Acme", "back"), null) },

        { "deal log Acme call \"pricing ok\"", new LogInteraction(Ref("Acme", "log", "call \"pricing ok\""), InteractionKind.Call, "pricing ok") },
        { "deal log Acme Corp email sent proposal", new LogInteraction(Ref("Acme Corp", "log", "email sent proposal"), InteractionKind.Email, "sent proposal") },
        { "deal log \"Demo Corp\" demo", new LogInteraction(Ref("Demo Corp", "log", "demo"), InteractionKind.Demo, null) },
        { "deal log Acme meeting", new LogInteraction(Ref("Acme", "log", "meeting"), InteractionKind.Meeting, null) },

        { "deal next Acme 2026-12-03 demo", new SetNextStep(Ref("Acme", "next", "2026-12-03 demo"), new DateOnly(2026, 12, 3), "demo") },
        { "deal next Acme Corp dec 3 call back", new SetNextStep(Ref("Acme Corp", "next", "dec 3 call back"), new DateOnly(2026, 12, 3), "call back") },
        { "deal next Acme tomorrow", new SetNextStep(Ref("Acme", "next", "tomorrow"), new DateOnly(2026, 11, 28), null) },
        { "deal next Acme in 3 days send contract", new SetNextStep(Ref("Acme", "next", "in 3 days send contract"), new DateOnly(2026, 11, 30), "send contract") },

        { "deal snooze Acme 3d", new SnoozeDeal(Ref("Acme", "snooze", "3d"), new DateOnly(2026, 11, 30), null) },
        { "deal snooze Acme 2w waiting for budget", new SnoozeDeal(Ref("Acme", "snooze", "2w waiting for budget"), new DateOnly(2026, 12, 11), "waiting for budget") },
        { "deal snooze Acme until jan 10", new SnoozeDeal(Ref("Acme", "snooze", "until jan 10"), new DateOnly(2027, 1, 10), null) },
        { "deal snooze Acme 10 days", new SnoozeDeal(Ref("Acme", "snooze", "10 days"), new DateOnly(2026, 12, 7), null) },

        { "deal won Acme", new WinDeal(Ref("Acme", "won"), null) },
        { "deal won Acme Corp signed today", new WinDeal(Ref("Acme Corp signed today", "won", tail: true), null) },
        { "deal won \"Acme Corp\" signed today", new WinDeal(Ref("Acme Corp", "won", "signed today"), null) },
        { "deal lost Acme: price too high", new LoseDeal(Ref("Acme", "lost", "price too high"), null) },
        { "deal lost Acme Corp chose competitor", new LoseDeal(Ref("Acme Corp chose competitor", "lost", tail: true), null) },
        { "deal reopen Acme Corp", new ReopenDeal(Ref("Acme Corp", "reopen")) },

        { "deal set Acme amount 75k", new SetDealField(Ref("Acme", "set", "amount 75k"), DealField.Amount, Dkk(75_000)) },
        { "deal set Acme close 2027-01-31", new SetDealField(Ref("Acme", "set", "close 2027-01-31"), DealField.Close, new DateOnly(2027, 1, 31)) },
        { "deal set Acme segment enterprise", new SetDealField(Ref("Acme", "set", "segment enterprise"), DealField.Segment, Segment.Enterprise) },
        { "deal set Acme owner @bob", new SetDealField(Ref("Acme", "set", "owner @bob"), DealField.Owner, "@bob") },
        { "deal set Acme name Acme Holdings", new SetDealField(Ref("Acme", "set", "name Acme Holdings"), DealField.Name, "Acme Holdings") },
        { "deal set Acme category best case", new SetDealField(Ref("Acme", "set", "category best case"), DealField.Category, ForecastCategory.BestCase) },

        { "deal show D-7F3A", new ShowDeal(Ref("D-7F3A", "show")) },
        { "deal list", new ListDeals(ListScope.Mine, null) },
        { "deal list all", new ListDeals(ListScope.All, null) },
        { "deal list stalled", new ListDeals(ListScope.Stalled, null) },
        { "deal list @bob", new ListDeals(ListScope.User, "@bob") },
        { "deal list present offer", new ListDeals(ListScope.Stage, "present offer") },
        { "deal help", new Help(null) },
        { "deal help advance", new Help("advance") },
        { "help", new Help(null) },
        { "", new Help(null) },
        { "deal", new Help(null) },
        { "stalled team", new ListDeals(ListScope.Stalled, "team") },
        { "stalled", new ListDeals(ListScope.Stalled, null) },
        { "config stages", new Configure(ConfigAction.ShowStages) },
        { "/deal config stages", new Configure(ConfigAction.ShowStages) },
        { "/deal stalled team", new ListDeals(ListScope.Stalled, "team") },
        { "config stall present offer enterprise 12", new Configure(ConfigAction.StallLimit, "present offer", Segment.Enterprise, 12) },
        { "config probability contact 25%", new Configure(ConfigAction.Probability, "contact", Number: 25) },
        { "config managers add @maria", new Configure(ConfigAction.AddManager, Person: "@maria") },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Reads_command(string text, object expected)
    {
        var result = CommandParser.Parse(text, Ctx);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Command);
    }

    public static TheoryData<string, string> Errors => new()
    {
        { "deal advance", "MissingDeal" },
        { "deal new", "MissingName" },
        { "what's stalled", "UnknownCommandSuggest" },
        { "show my pipeline", "UnknownCommandSuggest" },
        { "deal new 50k enterprise", "NameOnlyOptions" },
        { "deal new enterprise 50k", "NameOnlyOptions" },
        { "deal new tomorrow", "NameOnlyOptions" },
        { "deal new next friday", "NameOnlyOptions" },
        { "deal new close end of quarter", "NameOnlyOptions" },
        { "deal log Acme", "MissingKind" },
        { "deal next Acme soon", "MissingDate" },
        { "deal snooze Acme", "MissingDuration" },
        { "deal lost Acme", "MissingReason" },
        { "deal frobnicate Acme", "UnknownVerb" },
        { "deal advanse Acme", "UnknownVerbSuggest" },
        { "dael advance Acme", "UnknownCommandSuggest" },
        { "xyzzy", "UnknownCommand" },
        { "deal advance Acme to", "MissingStage" },
        { "deal set Acme amount lots", "BadValue" },
        { "deal set Acme segment huge", "BadValue" },
        { "deal set Acme", "MissingField" },
        { "deal new Acme 50k close someday", "BadDate" },
        { "deal new Acme 50k close 31/02", "BadDate" },
        { "deal new Acme 50k enterprise extra words", "UnexpectedWords" },
        { "deal snooze Acme until whenever", "BadDate" },
    };

    [Theory]
    [InlineData("what's stalled?", "stalled")]
    [InlineData("what is stuck in my deals", "stalled mine")]
    [InlineData("show my pipeline", "pipeline mine")]
    [InlineData("show our forecast", "pipeline team")]
    [InlineData("deal whats stalled", "stalled")]
    public void A_sentence_that_names_a_command_gets_that_command_suggested(string text, string suggested)
    {
        var error = CommandParser.Parse(text, Ctx).Error;

        Assert.NotNull(error);
        Assert.Equal(suggested, error.Args[^1]);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Explains_malformed_input(string text, string reason)
    {
        var result = CommandParser.Parse(text, Ctx);

        Assert.Null(result.Command);
        Assert.Equal(reason, result.Error!.Reason);
    }

    [Fact]
    public void Refuses_text_over_4000_characters()
    {
        var result = CommandParser.Parse("deal new " + new string('a', 3992), Ctx);

        Assert.Equal("TooLong", result.Error!.Reason);
        Assert.NotNull(CommandParser.Parse("deal new " + new string('a', 3991), Ctx).Command);
    }

    [Fact]
    public void Button_command_replaces_the_reference_with_the_chosen_id()
    {
        var command = (AdvanceDeal)CommandParser.Parse("deal advance acm to present offer", Ctx).Command!;

        Assert.Equal("deal advance D-ABCD to present offer", command.Deal.CommandFor("D-ABCD"));
    }
}
