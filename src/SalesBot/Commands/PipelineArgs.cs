using SalesBot.Deals;

namespace SalesBot.Commands;

/// <summary>The arguments of <c>pipeline …</c> and <c>config …</c>.</summary>
internal static class PipelineArgs
{
    public static readonly string[] DealGroups = ["commit", "bestcase", "pipeline", "won", "lost", "stalled", "slipped"];

    public static ParseResult Parse(Token[] args, ParseContext ctx)
    {
        Period? period = null;
        string? who = null;
        Deals.Segment? segment = null;
        string? deals = null;
        var share = false;
        var chart = false;
        var accuracy = false;
        var snapshot = false;
        var page = 1;
        for (var i = 0; i < args.Length;)
        {
            var t = args[i];
            var (p, used) = period is null ? Periods.Parse(args.Skip(i).Select(a => a.Text).ToArray(), ctx.Today, ctx.FiscalYearStartMonth) : (null, 0);
            if (p is not null)
            {
                (period, i) = (p, i + used);
            }
            else if (who is null && t.Is(CommandParser.MineWords))
            {
                (who, i) = ("mine", i + 1);
            }
            else if (who is null && t.Is(CommandParser.TeamWords))
            {
                (who, i) = ("team", i + 1);
            }
            else if (who is null && !t.Quoted && Mentions.IsMention(t.Text))
            {
                (who, i) = (t.Text, i + 1);
            }
            else if (segment is null && !t.Quoted && Segments.Parse(t.Text) is { } s)
            {
                (segment, i) = (s, i + 1);
            }
            else if (t.Is("share"))
            {
                (share, i) = (true, i + 1);
            }
            else if (t.Is("chart", "graf", "diagram"))
            {
                (chart, i) = (true, i + 1);
            }
            else if (t.Is("accuracy", "træfsikkerhed", "praecision", "præcision"))
            {
                (accuracy, i) = (true, i + 1);
            }
            else if (t.Is("snapshot", "øjebliksbillede"))
            {
                (snapshot, i) = (true, i + 1);
            }
            else if (deals is null && t.Is("deals") && i + 1 < args.Length)
            {
                (deals, i) = (args[i + 1].Lower, i + 2);
            }
            else if (deals is not null && i + 1 < args.Length && CommandParser.IsPage(t, args[i + 1], out var n))
            {
                (page, i) = (n, i + 2);
            }
            else
            {
                return new ParseError("UnexpectedWords", "pipeline", Token.Join(args[i..]));
            }
        }

        return new ShowPipeline(period ?? Periods.QuarterOf(ctx.Today, ctx.FiscalYearStartMonth), who, segment, deals, share) { Page = page, Chart = chart, Accuracy = accuracy, Snapshot = snapshot, PeriodTyped = period is not null };
    }

    public static ParseResult ParseConfig(Token[] args, ParseContext ctx)
    {
        switch (args.Select(a => a.Lower).FirstOrDefault())
        {
            case null or "stages":
                return new Configure(ConfigAction.ShowStages);
            case "stall" when args.Length == 2 && args[1].Is("suggest", "foreslå", "foresla"):
                return new Configure(ConfigAction.SuggestStall);
            case "stall" when args.Length == 3 && args[1].Is("suggest", "foreslå", "foresla") && args[2].Is("apply", "anvend", "brug"):
                return new Configure(ConfigAction.ApplyStallSuggestions);
            case "stall" when args.Length >= 4
                && Segments.Parse(args[^2].Text) is { } segment && int.TryParse(args[^1].Text, out var days) && days is > 0 and <= 365:
                return new Configure(ConfigAction.StallLimit, Token.Join(args[1..^2]), segment, days);
            case "stall":
                return new ParseError("BadConfig", "config", "config stall <stage> <smb|mid|enterprise> <business days> | config stall suggest");
            case "probability" when args.Length >= 3 && int.TryParse(args[^1].Text.TrimEnd('%'), out var percent) && percent is >= 0 and <= 100:
                return new Configure(ConfigAction.Probability, Token.Join(args[1..^1]), Number: percent);
            case "probability":
                return new ParseError("BadConfig", "config", "config probability <stage> <percent>");
            case "managers" when args.Length == 3 && args[1].Is("add", "remove") && Mentions.IsMention(args[2].Text):
                return new Configure(args[1].Is("add") ? ConfigAction.AddManager : ConfigAction.RemoveManager, Person: args[2].Text);
            case "managers":
                return new ParseError("BadConfig", "config", "config managers add|remove @user");
            case "quota" when args.Length >= 4 && (Mentions.IsMention(args[1].Text) || args[1].Is("team"))
                && AmountParser.TryParse(args, 2, ctx.DefaultCurrency, out var money, out var used)
                && Periods.Parse(args[(2 + used)..].Select(a => a.Text).ToArray(), ctx.Today, ctx.FiscalYearStartMonth) is ({ } period, var n)
                && 2 + used + n == args.Length:
                return new Configure(ConfigAction.Quota, Person: args[1].Is("team") ? null : args[1].Text, Amount: money, Period: period);
            case "quota":
                return new ParseError("BadConfig", "config", "config quota @user|team <amount> <period>, e.g. config quota @ann 500k Q1 2027");
            case "export" when args.Length == 2 && Mentions.IsMention(args[1].Text):
                return new Configure(ConfigAction.ExportPerson, Person: args[1].Text);
            case "forget" when args.Length == 2 && Mentions.IsMention(args[1].Text):
                return new Configure(ConfigAction.ForgetPerson, Person: args[1].Text);
            case "forget" when args.Length == 3 && Mentions.IsMention(args[1].Text) && args[2].Is("confirm"):
                return new Configure(ConfigAction.ForgetPersonConfirmed, Person: args[1].Text);
            case "language" or "sprog" when args.Length == 2 && args[1].Is("en", "english", "engelsk", "da", "dansk", "danish"):
                return new Configure(ConfigAction.TeamLanguage, Language: args[1].Is("en", "english", "engelsk") ? "en" : "da");
            case "language" or "sprog":
                return new ParseError("BadConfig", "config", "config language en|da");
            case "feed" or "kanal":
                return ParseFeed(args[1..], ctx);
            case "export" or "forget":
                return new ParseError("BadConfig", "config", "config export @user | config forget @user");
            default:
                return new ParseError("BadConfig", "config", "config stages | config stall <stage> <segment> <days> | config probability <stage> <percent> | config managers add|remove @user | config quota @user|team <amount> <period> | config language en|da | config feed here won lost | config export @user | config forget @user");
        }
    }

    private const string FeedUsage = "config feed here|#channel [won] [lost] [new>=amount] [stage:<stage>] [managers] | config feed off here|#channel";

    private static bool IsFeedChannel(Token t) => t.Is("here", "her") || (!t.Quoted && t.Text.Length > 1 && t.Text[0] == '#');

    private static bool IsFeedWord(Token t) =>
        t.Is("won", "vundet", "lost", "tabt", "new", "ny", "nye", "managers", "ledere") || StageWord(t) is not null || NewThreshold(t) is not null;

    /// <summary>"stage:Present" or "fase:Tilbud" → the text after the colon (possibly empty); null for any other word.</summary>
    private static string? StageWord(Token t)
    {
        foreach (var prefix in new[] { "stage:", "fase:" })
        {
            if (!t.Quoted && t.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return t.Text[prefix.Length..];
            }
        }

        return null;
    }

    /// <summary>"new>=500k" or "ny>=500.000" → the amount text after "&gt;="; null for any other word.</summary>
    private static string? NewThreshold(Token t)
    {
        foreach (var prefix in new[] { "new>=", "ny>=", "nye>=" })
        {
            if (!t.Quoted && t.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return t.Text[prefix.Length..];
            }
        }

        return null;
    }

    private static ParseResult ParseFeed(Token[] args, ParseContext ctx)
    {
        if (args.Length == 0)
        {
            return new ConfigureFeed(null, JustShow: true);
        }

        if (args[0].Is("off", "fra", "stop"))
        {
            return args.Length switch
            {
                1 => new ConfigureFeed(null, Off: true),
                2 when IsFeedChannel(args[1]) => new ConfigureFeed(args[1].Is("here", "her") ? null : args[1].Text, Off: true),
                _ => new ParseError("BadConfig", "config", FeedUsage),
            };
        }

        var i = 0;
        string? channel = null;
        if (IsFeedChannel(args[0]))
        {
            channel = args[0].Is("here", "her") ? null : args[0].Text;
            i = 1;
        }

        var feed = new ConfigureFeed(channel);
        var stages = new List<string>();
        while (i < args.Length)
        {
            var t = args[i];
            if (t.Is("won", "vundet"))
            {
                (feed, i) = (feed with { Won = true }, i + 1);
            }
            else if (t.Is("lost", "tabt"))
            {
                (feed, i) = (feed with { Lost = true }, i + 1);
            }
            else if (t.Is("new", "ny", "nye"))
            {
                (feed, i) = (feed with { New = true }, i + 1);
            }
            else if (t.Is("managers", "ledere"))
            {
                (feed, i) = (feed with { ManagersOnly = true }, i + 1);
            }
            else if (NewThreshold(t) is { } amountText)
            {
                // The amount may run on into the next words ("new>=500 k kr."), as in any other command.
                var tokens = new[] { t with { Text = amountText } }.Concat(args[(i + 1)..].TakeWhile(a => !IsFeedWord(a))).ToArray();
                if (amountText.Length == 0 || !AmountParser.TryParse(tokens, 0, ctx.DefaultCurrency, out var money, out var used) || used == 0)
                {
                    return new ParseError("BadConfig", "config", FeedUsage);
                }

                (feed, i) = (feed with { New = true, NewAtLeast = money }, i + used);
            }
            else if (StageWord(t) is { } first)
            {
                var words = new List<string>();
                if (first.Length > 0)
                {
                    words.Add(first);
                }

                i++;
                while (i < args.Length && !IsFeedWord(args[i]))
                {
                    words.Add(args[i].Text);
                    i++;
                }

                if (words.Count == 0)
                {
                    return new ParseError("BadConfig", "config", FeedUsage);
                }

                stages.Add(string.Join(' ', words));
            }
            else
            {
                return new ParseError("BadConfig", "config", FeedUsage);
            }
        }

        return feed is { Won: false, Lost: false, New: false } && stages.Count == 0
            ? new ParseError("BadConfig", "config", FeedUsage)
            : feed with { Stages = stages };
    }
}
