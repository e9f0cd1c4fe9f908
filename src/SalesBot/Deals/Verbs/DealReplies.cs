using System.Globalization;
using SalesBot.Commands;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Deals.Verbs;

/// <summary>How deals read in chat: cards, outcomes, refusals, and the buttons that go with them.</summary>
internal sealed class DealReplies(Phrases t, DealText text)
{
    public Phrases Text => t;

    public string Money(Money? amount) => text.Money(amount);

    public static string Date(DateOnly date) => DealText.Date(date);

    public string Stage(Deal deal, SalesProcess process) => text.Stage(deal, process);

    public string Segment(Segment segment) => text.Segment(segment);

    public string Ago(DateTimeOffset at, CommandContext ctx) => text.Ago(at, ctx.Tenant, ctx.Today);

    /// <summary>
    /// The full picture of one deal, with its latest history; <paramref name="usualDays"/>, for a stalled deal, how many
    /// business days the team's won deals usually spend in its stage (learned from history).
    /// </summary>
    public Reply Card(CommandContext ctx, Deal deal, IReadOnlyList<DealEvent> history, int? usualDays = null)
    {
        var process = ctx.Tenant.Process;
        var fields = new List<ReplyField>
        {
            new(t["FieldStage"], deal.IsOpen
                ? t["StageForDays", Stage(deal, process), StallPolicy.DaysInStage(deal, ctx.Tenant, ctx.Today)]
                : Stage(deal, process)),
            new(t["FieldAmount"], Money(deal.Amount)),
            new(t["FieldSegment"], Segment(deal.Segment)),
            new(t["FieldOwner"], deal.Owner.Name),
            new(t["FieldClose"], deal.CloseDate is { } close ? Date(close) : t["NotSet"]),
        };
        if (deal.NextStep is { } next)
        {
            fields.Add(new(t["FieldNextStep"], next.Text is null ? Date(next.Date) : $"{Date(next.Date)}: {next.Text}"));
        }

        if (deal.LastInteraction is { } last)
        {
            fields.Add(new(t["FieldLastInteraction"], t["LastInteraction", t["Kind_" + last.Kind], Ago(last.At, ctx), last.By.Name, last.Text ?? string.Empty].TrimEnd(' ', ':')));
        }

        if (deal.SnoozedUntil is { } snoozed && snoozed > ctx.Today)
        {
            fields.Add(new(t["FieldSnoozed"], Date(snoozed)));
        }

        if (deal.Status == DealStatus.Lost)
        {
            fields.Add(new(t["FieldLostReason"], deal.LostReason ?? string.Empty));
        }

        if (deal.IsOpen && StallPolicy.IsStalled(deal, ctx.Tenant, ctx.Today))
        {
            var over = t["StalledOver", StallPolicy.DaysOverLimit(deal, ctx.Tenant, ctx.Today)];
            fields.Add(new(t["FieldStalled"], usualDays is { } usual ? over + t["StalledUsually", StallPolicy.DaysInStage(deal, ctx.Tenant, ctx.Today), usual] : over));
        }

        var items = history.Select(e => Describe(e, process)).ToArray();
        var header = $"{deal.Name} · {deal.Id}";
        var text = header + "\n" + string.Join("\n", fields.Select(f => $"{f.Label}: {f.Value}"))
            + (items.Length > 0 ? "\n" + t["RecentHistory"] + "\n" + string.Join("\n", items.Select(i => "• " + i)) : string.Empty);
        return new Reply(text)
        {
            Header = header,
            Fields = fields,
            Items = items,
            Buttons = Buttons(deal, process),
        };
    }

    /// <summary>What the user can do next with this deal.</summary>
    public IReadOnlyList<ReplyButton> Buttons(Deal deal, SalesProcess process)
    {
        if (!deal.IsOpen)
        {
            return [new(t["ButtonReopen"], $"deal reopen {deal.Id}"), new(t["ButtonShow"], $"deal show {deal.Id}")];
        }

        var buttons = new List<ReplyButton>();
        if (process.Next(deal.Stage) is { } next)
        {
            buttons.Add(new(t["ButtonAdvance", next.Name], $"deal advance {deal.Id} from {deal.Stage}", ButtonStyle.Primary));
        }
        else
        {
            buttons.Add(new(t["ButtonWon"], $"deal won {deal.Id}", ButtonStyle.Primary));
        }

        buttons.Add(new(t["ButtonLogCall"], $"deal log {deal.Id} call"));
        buttons.Add(new(t["ButtonSnooze"], $"deal snooze {deal.Id} 3d"));
        buttons.Add(new(t["ButtonShow"], $"deal show {deal.Id}"));
        return buttons;
    }

    public string Describe(DealEvent e, SalesProcess process)
    {
        var when = Date(DateOnly.FromDateTime(e.At.UtcDateTime));
        var what = e.Kind switch
        {
            DealEventKind.Created => t["EventCreated", e.Actor.Name],
            DealEventKind.StageMoved => t["EventMoved", e.Actor.Name, process.Get(e.From ?? string.Empty).Name, process.Get(e.To ?? string.Empty).Name],
            DealEventKind.Interaction => t["EventInteraction", e.Actor.Name, t["Kind_" + e.To], e.Text ?? string.Empty].TrimEnd(' ', ':'),
            DealEventKind.NextStepSet => t["EventNextStep", e.Actor.Name, IsoDate(e.To), e.Text ?? string.Empty].TrimEnd(' ', ':'),
            DealEventKind.Snoozed => t["EventSnoozed", e.Actor.Name, IsoDate(e.To)],
            DealEventKind.FieldChanged when e.Field == "close" => t["EventChanged", e.Actor.Name, t["Field_Close"], IsoDate(e.From), IsoDate(e.To)],
            DealEventKind.Won => t["EventWon", e.Actor.Name],
            DealEventKind.Lost => t["EventLost", e.Actor.Name, e.Text ?? string.Empty],
            DealEventKind.Reopened => t["EventReopened", e.Actor.Name],
            DealEventKind.Nudged when e.Field == "close" && DateOnly.TryParseExact(e.To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close) =>
                t["EventSlipAlerted", e.Text ?? string.Empty, Date(close)],
            DealEventKind.Nudged => t["EventNudged", e.Text ?? string.Empty, e.To ?? "1"],
            DealEventKind.NudgeClaimed => t["EventNudgeClaimed", e.Text ?? string.Empty],
            _ => t["EventChanged", e.Actor.Name, e.Field ?? string.Empty, e.From ?? "—", e.To ?? "—"],
        };
        return $"{when} · {what}";
    }

    private static string IsoDate(string? iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d) : iso ?? "—";

    /// <summary>A change went through: one sentence, the deal's key facts, and what to do next.</summary>
    public Reply Changed(CommandContext ctx, Deal deal, string sentence, Visibility visibility = Visibility.Private) => new(sentence)
    {
        Header = $"{deal.Name} · {deal.Id}",
        Lead = sentence,
        Fields =
        [
            new(t["FieldStage"], Stage(deal, ctx.Tenant.Process)),
            new(t["FieldAmount"], Money(deal.Amount)),
            new(t["FieldOwner"], deal.Owner.Name),
        ],
        Buttons = Buttons(deal, ctx.Tenant.Process),
        Visibility = visibility,
    };

    public Reply Refusal(DealRefusal refusal, Deal? deal)
    {
        var args = refusal.Args.Select(a => a is DateOnly d ? Date(d) : ReferenceEquals(a, DealRefusal.Someone) ? t["Someone"] : a).ToArray();
        var text = t["Refusal_" + refusal.Reason, args];
        IReadOnlyList<ReplyButton> buttons = (refusal.Reason, deal) switch
        {
            ("MovedMeanwhile", { } d) => [new(t["ButtonAdvanceAgain"], $"deal advance {d.Id}"), new(t["ButtonShow"], $"deal show {d.Id}")],
            ("LastStage", { } d) => [new(t["ButtonWon"], $"deal won {d.Id}", ButtonStyle.Primary), new(t["ButtonShow"], $"deal show {d.Id}")],
            ("DealClosedWon" or "DealClosedLost", { } d) => [new(t["ButtonReopen"], $"deal reopen {d.Id}")],
            _ => [],
        };
        return new Reply(text) { IsError = true, Buttons = buttons };
    }

    public Reply Unresolved(Resolution resolution, DealRef dealRef)
    {
        switch (resolution)
        {
            case Resolution.Ambiguous a:
                var tail = a.Tail is { Length: > 0 } ? " " + a.Tail : string.Empty;
                return new Reply(t["Ambiguous", dealRef.Text, string.Join(", ", a.Candidates.Select(c => $"{c.Name} ({c.Id})"))])
                {
                    IsError = true,
                    Buttons = a.Candidates.Select(c => new ReplyButton(ChoiceLabel(c, a.Candidates), dealRef.CommandFor(c.Id) + tail)).ToArray(),
                };
            case Resolution.NotFound { Suggestions.Count: > 0 } n:
                return new Reply(t["NotFoundSuggest", dealRef.Text, string.Join(", ", n.Suggestions.Select(c => c.Name))])
                {
                    IsError = true,
                    Buttons = n.Suggestions.Select(c => new ReplyButton(c.Name, dealRef.CommandFor(c.Id))).ToArray(),
                };
            default:
                return new Reply(t["NotFound", dealRef.Text]) { IsError = true, Buttons = [new(t["ButtonMyDeals"], "deal list")] };
        }
    }

    /// <summary>Characters of a choice button that every channel shows whole (Teams cuts long titles, Slack at 75).</summary>
    public const int ChoiceLabelMax = 40;

    /// <summary>
    /// A button label that tells its deal apart from the others offered with it within the first
    /// <see cref="ChoiceLabelMax"/> characters: the id first, then the part of the name where the names differ.
    /// </summary>
    public static string ChoiceLabel(DealName choice, IReadOnlyList<DealName> all)
    {
        var shared = all.Where(o => o.Id != choice.Id).Select(o => CommonPrefix(o.Name, choice.Name)).DefaultIfEmpty(0).Max();
        var room = ChoiceLabelMax - choice.Id.Length - 3;
        var name = choice.Name;
        if (name.Length > room)
        {
            // When the names differ too late to show from the start, start a little before the first difference, at the
            // next word if one begins before it, so the label reads as words.
            var start = shared < room - 4 ? 0 : Math.Max(0, Math.Min(shared - 8, name.Length - room + 1));
            if (start > 0 && name[start - 1] != ' ' && name.IndexOf(' ', start) is var space and >= 0 && space < shared)
            {
                start = space + 1;
            }

            name = (start > 0 ? "…" + name[start..] : name) is var shown && shown.Length > room ? shown[..(room - 1)] + "…" : shown;
        }

        return $"{choice.Id} · {name}";
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && char.ToLowerInvariant(a[n]) == char.ToLowerInvariant(b[n]))
        {
            n++;
        }

        return n;
    }

    public Reply NotYours(Deal deal) => new(t["NotYourDeal", deal.Name, deal.Owner.Name]) { IsError = true };

    public Reply AlreadyDone(CommandContext ctx, Deal deal) =>
        Changed(ctx, deal, t["AlreadyDone", deal.Name, Stage(deal, ctx.Tenant.Process)]);
}
