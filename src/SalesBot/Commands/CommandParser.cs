using SalesBot.Deals;

namespace SalesBot.Commands;

internal sealed record ParseResult(Command? Command, ParseError? Error)
{
    public static implicit operator ParseResult(Command command) => new(command, null);

    public static implicit operator ParseResult(ParseError error) => new(null, error);
}

/// <summary>
/// Turns chat text into a <see cref="Command"/>. Pure: the same text and context always give the same result.
/// <c>/deal advance Acme</c>, <c>deal advance Acme</c>, <c>@SalesBot deal advance Acme</c> and <c>advance Acme</c>
/// all read the same.
/// </summary>
internal static class CommandParser
{
    public const int MaxLength = 4000;

    private static readonly string[] TopLevel = ["deal", "deals", "pipeline", "stalled", "config", "help", "stille", "hjælp"];

    /// <summary>The words for "my own deals" and "the whole team's", in English and Danish.</summary>
    public static readonly string[] MineWords = ["mine", "my", "me", "mig", "min"];

    /// <inheritdoc cref="MineWords"/>
    public static readonly string[] TeamWords = ["team", "all", "everyone", "alle", "holdet", "teamet"];

    public static ParseResult Parse(string text, ParseContext ctx)
    {
        if (text.Length > MaxLength)
        {
            return new ParseError("TooLong", null, MaxLength, text.Length);
        }

        var tokens = Token.Split(Normalize(text));
        if (tokens.Count == 0)
        {
            return new Help(null);
        }

        var head = tokens[0].Lower;
        var rest = tokens.Skip(1).ToArray();
        switch (head)
        {
            case "deal" or "deals":
                // "/deal" is the slash command every workspace has: it reaches every command, "/deal stalled team" included.
                return rest.Length == 0 ? new Help(null)
                    : !rest[0].Quoted && rest[0].Lower is "pipeline" or "forecast" or "stalled" or "stille" or "config" ? Parse(Token.Join(rest), ctx)
                    : ParseDeal(rest[0], rest[1..], ctx);
            case "pipeline" or "forecast":
                return PipelineArgs.Parse(rest, ctx);
            case "stalled" or "stille":
                return ParseStalled(rest);
            case "config":
                return PipelineArgs.ParseConfig(rest, ctx);
            case "help" or "?" or "hjælp" or "hjaelp":
                return new Help(rest.Length > 0 ? DealVerbs.Find(rest[0].Lower)?.Name ?? rest[0].Lower : null);
        }

        // "show my pipeline", "list stalled": a sentence about a report, not a deal called "my pipeline".
        if (head is "show" or "list" or "view" && rest.Length is > 0 and <= 3 && rest.All(t => !t.Quoted && t.Lower is "my" or "our" or "the" or "team" or "pipeline" or "forecast" or "stalled")
            && rest.Any(t => t.Lower is "pipeline" or "forecast" or "stalled"))
        {
            return new ParseError("UnknownCommandSuggest", null, Token.Join(tokens), Phrased(tokens)!);
        }

        if (!tokens[0].Quoted && DealVerbs.Find(head) is not null)
        {
            return ParseDeal(tokens[0], rest, ctx);
        }

        return (Suggest(head) ?? Phrased(tokens)) is { } guess
            ? new ParseError("UnknownCommandSuggest", null, tokens[0].Text, guess)
            : new ParseError("UnknownCommand", null, tokens[0].Text);
    }

    /// <summary>The command a sentence such as "what's stalled?" or "show my pipeline" asks for, by the words it names.</summary>
    private static string? Phrased(IReadOnlyList<Token> tokens)
    {
        var words = tokens.Select(t => t.Lower.Trim('?', '!', '.', ',')).ToHashSet(StringComparer.Ordinal);
        var mine = words.Overlaps(["my", "mine", "me", "i"]);
        var team = words.Overlaps(["team", "our", "everyone", "all"]);
        if (words.Overlaps(["stalled", "stuck", "stalling"]))
        {
            return mine ? "stalled mine" : team ? "stalled team" : "stalled";
        }

        if (words.Overlaps(["pipeline", "forecast"]))
        {
            return mine ? "pipeline mine" : team ? "pipeline team" : "pipeline";
        }

        if (words.Overlaps(["deals", "deal"]))
        {
            return team ? "deal list all" : "deal list";
        }

        return words.Contains("help") ? "deal help" : null;
    }

    /// <summary>Strips what people put around a command: a leading "@SalesBot", a slash, odd spaces.</summary>
    public static string Normalize(string text)
    {
        var s = text.Replace('\u00A0', ' ').Replace('\u2007', ' ').Replace('\u202F', ' ').Trim();
        if (s.StartsWith('@'))
        {
            var tokens = Token.Split(s);
            var at = tokens.Take(4).Select((t, i) => (t, i)).FirstOrDefault(x => x.i > 0 && IsCommandWord(x.t.Lower.TrimStart('/')));
            if (at.i > 0)
            {
                s = s[at.t.Start..];
            }
        }

        return s.TrimStart('/').Trim();
    }

    private static bool IsCommandWord(string word) => TopLevel.Contains(word) || DealVerbs.ByWord.ContainsKey(word);

    private static string? Suggest(string word)
    {
        var best = DealVerbs.ByWord.Keys.Concat(TopLevel)
            .Select(v => (v, d: TextKey.Distance(word, v)))
            .OrderBy(x => x.d)
            .FirstOrDefault();
        // Short words are one typo from many others: "yes" is not "vis".
        return best.v is not null && best.d <= (Math.Min(word.Length, best.v.Length) <= 3 ? 1 : 2) ? (TopLevel.Contains(best.v) ? best.v : "deal " + best.v) : null;
    }

    private static ParseResult ParseDeal(Token verbToken, Token[] args, ParseContext ctx)
    {
        var verb = verbToken.Quoted ? null : DealVerbs.Find(verbToken.Lower);
        if (verb is null)
        {
            return (Suggest(verbToken.Lower) ?? Phrased([verbToken, .. args])) is { } guess
                ? new ParseError("UnknownVerbSuggest", null, verbToken.Text, guess)
                : new ParseError("UnknownVerb", null, verbToken.Text);
        }

        return args.Length == 0 && verb.MissingArgs is { } missing
            ? new ParseError(missing, verb.Name)
            : verb.Grammar(new ArgReader(verb.Name, args, ctx), args);
    }

    /// <summary>"page N": the words that ask for page N of a list.</summary>
    internal static bool IsPage(Token word, Token number, out int page) =>
        int.TryParse(number.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page)
        && word.Is("page", "p", "side") && page is > 0 and < 10_000;

    /// <summary>Takes a trailing "page N" off the words; 1 when there is none.</summary>
    private static int PageOf(ref Token[] args)
    {
        if (args is [.., var word, var number] && IsPage(word, number, out var page))
        {
            args = args[..^2];
            return page;
        }

        return 1;
    }

    private static ParseResult ParseStalled(Token[] args)
    {
        var page = PageOf(ref args);
        return args.Length == 0 ? new ListDeals(ListScope.Stalled, null, page)
            : args is [var who] && (who.Is(MineWords) || who.Is(TeamWords)) ? new ListDeals(ListScope.Stalled, who.Is(MineWords) ? "mine" : "team", page)
            : new ParseError("UnexpectedWords", "stalled", Token.Join(args));
    }

    internal static ParseResult ParseList(Token[] args)
    {
        var page = PageOf(ref args);
        var parsed = ParseListScope(args);
        return parsed.Command is ListDeals list ? list with { Page = page } : parsed;
    }

    private static ParseResult ParseListScope(Token[] args)
    {
        if (args.Length == 0)
        {
            return new ListDeals(ListScope.Mine, null);
        }

        var first = args[0];
        if (args.Length == 1 && first.Is(MineWords))
        {
            return new ListDeals(ListScope.Mine, null);
        }

        if (args.Length == 1 && first.Is(TeamWords))
        {
            return new ListDeals(ListScope.All, null);
        }

        if (args.Length == 1 && first.Is("stalled", "stuck", "stille"))
        {
            return new ListDeals(ListScope.Stalled, null);
        }

        if (args.Length == 1 && first.Is("slipped", "slipping", "skredet", "skredne"))
        {
            return new ListDeals(ListScope.Slipped, null);
        }

        if (args.Length == 1 && Mentions.IsMention(first.Text))
        {
            return new ListDeals(ListScope.User, first.Text);
        }

        return new ListDeals(ListScope.Stage, Token.Join(args));
    }
}
