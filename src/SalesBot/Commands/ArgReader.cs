using SalesBot.Deals;

namespace SalesBot.Commands;

/// <summary>Reads the arguments of one deal verb. A deal name runs until the first word that starts the next argument.</summary>
internal sealed class ArgReader(string verb, Token[] args, ParseContext ctx)
{
    private static readonly Dictionary<string, InteractionKind> Kinds = new(StringComparer.Ordinal)
    {
        ["call"] = InteractionKind.Call,
        ["phone"] = InteractionKind.Call,
        ["called"] = InteractionKind.Call,
        ["email"] = InteractionKind.Email,
        ["e-mail"] = InteractionKind.Email,
        ["mail"] = InteractionKind.Email,
        ["meeting"] = InteractionKind.Meeting,
        ["meet"] = InteractionKind.Meeting,
        ["met"] = InteractionKind.Meeting,
        ["demo"] = InteractionKind.Demo,
        ["note"] = InteractionKind.Note,
        ["notes"] = InteractionKind.Note,
        ["opkald"] = InteractionKind.Call,
        ["ringede"] = InteractionKind.Call,
        ["møde"] = InteractionKind.Meeting,
        ["moede"] = InteractionKind.Meeting,
        ["mødtes"] = InteractionKind.Meeting,
        ["notat"] = InteractionKind.Note,
    };

    private static readonly Dictionary<string, DealField> Fields = new(StringComparer.Ordinal)
    {
        ["amount"] = DealField.Amount,
        ["value"] = DealField.Amount,
        ["price"] = DealField.Amount,
        ["close"] = DealField.Close,
        ["closedate"] = DealField.Close,
        ["close-date"] = DealField.Close,
        ["closing"] = DealField.Close,
        ["segment"] = DealField.Segment,
        ["owner"] = DealField.Owner,
        ["name"] = DealField.Name,
        ["rename"] = DealField.Name,
        ["category"] = DealField.Category,
        ["forecast"] = DealField.Category,
        ["beløb"] = DealField.Amount,
        ["beloeb"] = DealField.Amount,
        ["lukkedato"] = DealField.Close,
        ["lukning"] = DealField.Close,
        ["ejer"] = DealField.Owner,
        ["navn"] = DealField.Name,
    };

    /// <summary>The words that introduce a close date in <c>deal new</c>.</summary>
    private static readonly string[] CloseWords = ["close", "closes", "closing", "lukker", "lukning", "lukkedato"];

    private string Before => "deal " + verb;

    public static ForecastCategory? CategoryOf(string text) => TextKey.Normalize(text) switch
    {
        "commit" => ForecastCategory.Commit,
        "best case" or "bestcase" or "upside" => ForecastCategory.BestCase,
        "pipeline" => ForecastCategory.Pipeline,
        _ => null,
    };

    public DealRef Ref(int end) => new(Token.Join(args[..end]), Before, Render(args[end..]));

    /// <summary>
    /// A deal followed by free text. A quoted name, an id, or a name ending in ':' ends the reference;
    /// otherwise the resolver decides where the name stops.
    /// </summary>
    public DealRef TailRef()
    {
        var colon = Array.FindIndex(args, t => !t.Quoted && t.Text.EndsWith(':'));
        var dash = Array.FindIndex(args, t => t.Is("-", "\u2013", "\u2014", "|"));
        if (args[0].Quoted || (colon < 0 && dash < 0 && args.Length == 1))
        {
            return Ref(1);
        }

        if (colon >= 0 && (dash < 0 || colon < dash))
        {
            var words = args[..(colon + 1)].Select(t => t.Text).ToArray();
            words[^1] = words[^1].TrimEnd(':');
            return new DealRef(string.Join(' ', words), Before, Render(args[(colon + 1)..]));
        }

        if (dash > 0)
        {
            return new DealRef(Token.Join(args[..dash]), Before, Render(args[(dash + 1)..]));
        }

        return new DealRef(Token.Join(args), Before, string.Empty, Tail: true);
    }

    public ParseResult New()
    {
        var i = 1;
        while (!args[0].Quoted && i < args.Length && !StartsOption(i))
        {
            i++;
        }

        // "deal new 50k enterprise" names no deal: an unquoted name that is only an amount, segment, date or option is refused.
        if (!args[0].Quoted && (StartsOption(0) || (DateParser.TryParse(args, 0, ctx, out _, out var dateWords) && dateWords == i)))
        {
            return new ParseError("NameOnlyOptions", "new", Token.Join(args[..i]));
        }

        var name = args[0].Quoted ? args[0].Text : Token.Join(args[..i]);
        Money? amount = null;
        Segment? segment = null;
        DateOnly? close = null;
        string? owner = null;
        while (i < args.Length)
        {
            var t = args[i];
            if (amount is null && AmountParser.TryParse(args, i, ctx.DefaultCurrency, out var money, out var used))
            {
                (amount, i) = (money, i + used);
            }
            else if (segment is null && !t.Quoted && Segments.Parse(t.Text) is { } s)
            {
                (segment, i) = (s, i + 1);
            }
            else if (close is null && t.Is(CloseWords))
            {
                if (!DateParser.TryParse(args, i + 1, ctx, out var date, out var dateUsed))
                {
                    return new ParseError("BadDate", "new", Token.Join(args[(i + 1)..].Take(3)));
                }

                (close, i) = (date, i + 1 + dateUsed);
            }
            else if (owner is null && t.Is("owner", "for", "ejer") && i + 1 < args.Length && Mentions.IsMention(args[i + 1].Text))
            {
                (owner, i) = (args[i + 1].Text, i + 2);
            }
            else if (owner is null && !t.Quoted && Mentions.IsMention(t.Text))
            {
                (owner, i) = (t.Text, i + 1);
            }
            else
            {
                return new ParseError("UnexpectedWords", "new", Token.Join(args[i..]));
            }
        }

        return new NewDeal(name, amount, segment, close, owner);
    }

    private bool StartsOption(int i)
    {
        var t = args[i];
        return AmountParser.TryParse(args, i, ctx.DefaultCurrency, out _, out _)
            || (!t.Quoted && Segments.Parse(t.Text) is not null)
            || t.Is(CloseWords)
            || (t.Is("owner", "for", "ejer") && i + 1 < args.Length && Mentions.IsMention(args[i + 1].Text))
            || (!t.Quoted && Mentions.IsMention(t.Text));
    }

    public ParseResult Advance()
    {
        var to = LastKeyword("to", "til");
        var end = to < 0 ? args.Length : to;
        var from = LastKeyword(end, "from", "fra");
        if (to == args.Length - 1 || (from >= 0 && from == end - 1))
        {
            return new ParseError("MissingStage", "advance");
        }

        var refEnd = from >= 0 ? from : end;
        string? fromStage = from >= 0 ? Token.Join(args[(from + 1)..end]) : null;
        string? toStage = to >= 0 ? Token.Join(args[(to + 1)..]) : null;
        return new AdvanceDeal(Ref(refEnd), toStage, fromStage);
    }

    public ParseResult Back()
    {
        var from = LastKeyword("from", "fra");
        if (from == args.Length - 1)
        {
            return new ParseError("MissingStage", "back");
        }

        return from >= 0 ? new BackDeal(Ref(from), Token.Join(args[(from + 1)..])) : new BackDeal(Ref(args.Length), null);
    }

    public ParseResult Log()
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].Quoted && Kinds.TryGetValue(args[i].Lower, out var kind))
            {
                return new LogInteraction(Ref(i), kind, TextAfter(i + 1));
            }
        }

        return new ParseError("MissingKind", "log");
    }

    public ParseResult Next()
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (DateParser.TryParse(args, i, ctx, out var date, out var used))
            {
                return new SetNextStep(Ref(i), date, TextAfter(i + used));
            }
        }

        return new ParseError("MissingDate", "next");
    }

    public ParseResult Snooze()
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (DurationParser.TryParse(args, i, out var days, out var used))
            {
                return new SnoozeDeal(Ref(i), ctx.Today.AddDays(days), TextAfter(i + used));
            }

            if (args[i].Is("until", "till", "to", "til"))
            {
                return DateParser.TryParse(args, i + 1, ctx, out var date, out var dateUsed)
                    ? new SnoozeDeal(Ref(i), date, TextAfter(i + 1 + dateUsed))
                    : new ParseError("BadDate", "snooze", Token.Join(args[(i + 1)..].Take(3)));
            }
        }

        return new ParseError("MissingDuration", "snooze");
    }

    public ParseResult Set()
    {
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i].Quoted || !Fields.TryGetValue(args[i].Lower, out var field))
            {
                continue;
            }

            var valueText = Token.Join(args[(i + 1)..]);
            object? value = field switch
            {
                DealField.Amount => AmountParser.TryParse(valueText, ctx.DefaultCurrency, out var m) ? m : null,
                DealField.Close => DateParser.TryParse(args, i + 1, ctx, out var d, out var used) && i + 1 + used == args.Length ? d : null,
                DealField.Segment => Segments.Parse(valueText),
                DealField.Owner => args.Length == i + 2 && Mentions.IsMention(valueText) ? valueText : null,
                DealField.Category => CategoryOf(valueText),
                _ => valueText,
            };
            return value is null
                ? new ParseError("BadValue", "set", field.ToString().ToLowerInvariant(), valueText)
                : new SetDealField(Ref(i), field, value);
        }

        // "deal set Acme close" (the close-date alert's Set new date, where no form can open): the value is what is missing.
        return args.Length >= 2 && !args[^1].Quoted && Fields.TryGetValue(args[^1].Lower, out var named) && named == DealField.Close
            ? new ParseError("MissingClose", "set", Token.Join(args[..^1]), args[^1].Lower)
            : new ParseError("MissingField", "set");
    }

    private int LastKeyword(params string[] words) => LastKeyword(int.MaxValue, words);

    private int LastKeyword(int before, params string[] words)
    {
        for (var i = Math.Min(before, args.Length) - 1; i >= 1; i--)
        {
            if (args[i].Is(words))
            {
                return i;
            }
        }

        return -1;
    }

    private string? TextAfter(int index) => index < args.Length ? Token.Join(args[index..]) : null;

    private static string Render(IEnumerable<Token> tokens) =>
        string.Join(' ', tokens.Select(t => t.Quoted ? $"\"{t.Text}\"" : t.Text));
}
