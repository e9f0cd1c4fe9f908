namespace SalesBot.Commands;

/// <summary>
/// One deal verb of the language: its name (also the key of its help texts <c>Usage_{name}</c>, <c>Help_{name}</c>,
/// <c>Example_{name}</c>), the other words that mean it, and its grammar from the words after it to a command.
/// <paramref name="MissingArgs"/> names the error for a verb typed alone (null: alone is fine).
/// </summary>
internal sealed record DealVerb(string Name, IReadOnlyList<string> Aliases, Func<ArgReader, Token[], ParseResult> Grammar, string? MissingArgs = "MissingDeal");

/// <summary>
/// Every <c>deal &lt;verb&gt;</c>: the parser, <c>deal help</c> and the suggestions for a mistyped verb all read this
/// table. A new verb is one entry here (plus its command record and handler when it is not a form of an existing one);
/// an alias in another language is one word in <see cref="DealVerb.Aliases"/> (the Danish ones are read whatever
/// the reader's language, and the Danish help texts name them).
/// </summary>
internal static class DealVerbs
{
    public static readonly IReadOnlyList<DealVerb> All =
    [
        new("new", ["create", "add", "ny", "opret"], (p, _) => p.New(), MissingArgs: "MissingName"),
        new("advance", ["adv", "move", "forward", "flyt", "frem"], (p, _) => p.Advance()),
        new("back", ["tilbage"], (p, _) => p.Back()),
        new("log", ["registrer"], (p, _) => p.Log()),
        new("note", ["noter"], (p, _) =>
        {
            // "deal note Acme pricing ok": a note, the deal's name read as in "deal lost".
            var deal = p.TailRef();
            return new LogInteraction(deal, Deals.InteractionKind.Note, deal.Tail || deal.After.Length == 0 ? null : deal.After);
        }),
        new("next", ["næste", "naeste"], (p, _) => p.Next()),
        new("snooze", ["udskyd"], (p, _) => p.Snooze()),
        new("won", ["win", "vundet", "vind"], (p, _) => new WinDeal(p.TailRef(), null)),
        new("lost", ["lose", "tabt", "tab"], (p, args) => args.Length < 2 && !args[0].Quoted ? new ParseError("MissingReason", "lost") : new LoseDeal(p.TailRef(), null)),
        new("reopen", ["genåbn", "genaabn"], (p, args) => new ReopenDeal(p.Ref(args.Length))),
        new("set", ["update", "edit", "ret", "sæt", "saet"], (p, _) => p.Set()),
        new("show", ["view", "info", "vis"], (p, args) => new ShowDeal(p.Ref(args.Length))),
        new("list", ["ls", "liste"], (_, args) => CommandParser.ParseList(args), MissingArgs: null),
        new("language", ["lang", "sprog"], (_, args) => ParseLanguage(args), MissingArgs: null),
        new("brief", ["overblik", "morgen"], (_, args) => ParseBrief(args), MissingArgs: null),
        new("help", ["hjælp", "hjaelp"], (_, args) => new Help(args.Length > 0 ? Find(args[0].Lower)?.Name ?? args[0].Lower : null), MissingArgs: null),
    ];

    /// <summary>Every word that names a verb → the verb.</summary>
    public static readonly IReadOnlyDictionary<string, DealVerb> ByWord =
        All.SelectMany(v => v.Aliases.Prepend(v.Name).Select(word => (word, v))).ToDictionary(x => x.word, x => x.v, StringComparer.Ordinal);

    /// <summary>The verbs' names, in the order help lists them.</summary>
    public static readonly IReadOnlyList<string> Names = [.. All.Select(v => v.Name)];

    public static DealVerb? Find(string word) => ByWord.GetValueOrDefault(word);

    private static ParseResult ParseBrief(Token[] args) => args switch
    {
        [] => new ChooseBrief(null),
        [var word] when word.Is("on", "til", "ja") => new ChooseBrief(true),
        [var word, var time] when word.Is("on", "til", "ja") && ClockTime(time.Text) is { } at => new ChooseBrief(true, at),
        [var time] when ClockTime(time.Text) is { } at => new ChooseBrief(true, at),
        [var word] when word.Is("off", "fra", "nej") => new ChooseBrief(false),
        [var word] when word.Is("now", "nu", "today", "idag") => new ChooseBrief(null, Now: true),
        _ => new ParseError("BadBrief", "brief"),
    };

    /// <summary>"8:30", "08:30", "8.30" or "8" as a time of day.</summary>
    private static TimeOnly? ClockTime(string text)
    {
        var parts = text.Replace('.', ':').Split(':');
        return parts.Length <= 2 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h) && h is >= 0 and < 24
            && (parts.Length == 1 ? 0 : int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && parts[1].Length == 2 ? m : -1) is var minute and >= 0 and < 60
            ? new TimeOnly(h, minute)
            : null;
    }

    private static ParseResult ParseLanguage(Token[] args) => args switch
    {
        [] => new ChooseLanguage(null, JustShow: true),
        [var word] when word.Is("en", "english", "engelsk", "en-us", "en-gb") => new ChooseLanguage("en"),
        [var word] when word.Is("da", "dansk", "danish", "da-dk") => new ChooseLanguage("da"),
        [var word] when word.Is("auto", "automatic", "automatisk", "default", "standard") => new ChooseLanguage(null),
        _ => new ParseError("BadLanguage", "language"),
    };
}
