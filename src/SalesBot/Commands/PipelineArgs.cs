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

        return new ShowPipeline(period ?? Periods.QuarterOf(ctx.Today, ctx.FiscalYearStartMonth), who, segment, deals, share) { Page = page };
    }

    public static ParseResult ParseConfig(Token[] args, ParseContext ctx)
    {
        switch (args.Select(a => a.Lower).FirstOrDefault())
        {
            case null or "stages":
                return new Configure(ConfigAction.ShowStages);
            case "stall" when args.Length >= 4
                && Segments.Parse(args[^2].Text) is { } segment && int.TryParse(args[^1].Text, out var days) && days is > 0 and <= 365:
                return new Configure(ConfigAction.StallLimit, Token.Join(args[1..^2]), segment, days);
            case "stall":
                return new ParseError("BadConfig", "config", "config stall <stage> <smb|mid|enterprise> <business days>");
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
            case "export" or "forget":
                return new ParseError("BadConfig", "config", "config export @user | config forget @user");
            default:
                return new ParseError("BadConfig", "config", "config stages | config stall <stage> <segment> <days> | config probability <stage> <percent> | config managers add|remove @user | config quota @user|team <amount> <period> | config language en|da | config export @user | config forget @user");
        }
    }
}
