using System.Globalization;
namespace SalesBot.Deals;

/// <summary>The rules of a deal's life, as pure functions of the deal, the actor and the time.</summary>
internal static class DealRules
{
    public const int MaxNameLength = 120;
    public const int MaxTextLength = 1000;

    /// <summary>Stage entries a deal keeps: its first and the most recent ones.</summary>
    public const int StageLogLimit = 100;

    public static DealDecision Create(
        string id, string name, UserRef owner, Money? amount, Segment segment, DateOnly? close,
        SalesProcess process, UserRef actor, DateTimeOffset now)
    {
        if (NameProblem(name) is { } problem)
        {
            return problem;
        }

        var deal = new Deal
        {
            Id = id,
            Name = name.Trim(),
            Owner = owner,
            Amount = amount,
            Segment = segment,
            Stage = process.First.Key,
            StageEnteredAt = now,
            StageChangedBy = actor,
            CreatedAt = now,
            CloseDate = close,
            StageLog = [new StageEntry(process.First.Key, now)],
            Version = 1,
        };
        return new DealChange(deal, new DealEvent(1, now, actor, DealEventKind.Created, To: deal.Stage, Text: deal.Name));
    }

    /// <summary>
    /// A deal brought in from another CRM as it stood there, with the history a deal kept in chat would have: created,
    /// moved into its stage, and won or lost, each at the time the file gives. Its stage log starts in the first stage.
    /// </summary>
    public static DealChange Imported(Deal deal, SalesProcess process)
    {
        var first = process.First.Key;
        var events = new List<DealEvent> { new(1, deal.CreatedAt, deal.Owner, DealEventKind.Created, To: first, Text: "imported") };
        if (deal.Stage != first)
        {
            events.Add(new(events.Count + 1, deal.StageEnteredAt, deal.Owner, DealEventKind.StageMoved, From: first, To: deal.Stage));
        }

        if (deal.ClosedAt is { } closed && deal.Status != DealStatus.Open)
        {
            events.Add(deal.Status == DealStatus.Won
                ? new(events.Count + 1, closed, deal.Owner, DealEventKind.Won, From: deal.Stage, Text: deal.CloseNote)
                : new(events.Count + 1, closed, deal.Owner, DealEventKind.Lost, From: deal.Stage, Text: deal.LostReason));
        }

        var after = deal with
        {
            StageChangedBy = deal.Owner,
            StageLog = deal.Stage == first
                ? [new StageEntry(first, deal.StageEnteredAt)]
                : [new StageEntry(first, deal.CreatedAt), new StageEntry(deal.Stage, deal.StageEnteredAt)],
            Version = events.Count,
        };
        return new DealChange(after, events[^1]) { Earlier = events[..^1] };
    }

    /// <summary>
    /// Moves the deal forward one stage, or to <paramref name="to"/>. <paramref name="seenStage"/> is the stage the
    /// user acted on; if the deal has moved since, nothing changes and the user learns who moved it.
    /// </summary>
    public static DealDecision Advance(Deal deal, SalesProcess process, string? to, string seenStage, UserRef actor, DateTimeOffset now)
    {
        if (deal.Stage != seenStage)
        {
            return new DealRefusal("MovedMeanwhile", deal.Name, process.Get(deal.Stage).Name, deal.StageChangedBy?.Name ?? DealRefusal.Someone);
        }

        if (ClosedProblem(deal) is { } closed)
        {
            return closed;
        }

        var target = to is null ? process.Next(deal.Stage) : process.Get(to);
        if (target is null)
        {
            return new DealRefusal("LastStage", deal.Name, process.Get(deal.Stage).Name, deal.Id);
        }

        if (target.Key == deal.Stage)
        {
            return new DealRefusal("AlreadyInStage", deal.Name, target.Name);
        }

        return MoveTo(deal, target.Key, actor, now);
    }

    public static DealDecision Back(Deal deal, SalesProcess process, string seenStage, UserRef actor, DateTimeOffset now)
    {
        if (deal.Stage != seenStage)
        {
            return new DealRefusal("MovedMeanwhile", deal.Name, process.Get(deal.Stage).Name, deal.StageChangedBy?.Name ?? DealRefusal.Someone);
        }

        if (ClosedProblem(deal) is { } closed)
        {
            return closed;
        }

        var target = process.Previous(deal.Stage);
        return target is null
            ? new DealRefusal("FirstStage", deal.Name, process.Get(deal.Stage).Name)
            : MoveTo(deal, target.Key, actor, now);
    }

    public static DealDecision Log(Deal deal, InteractionKind kind, string? text, UserRef actor, DateTimeOffset now)
    {
        if (TextProblem(text) is { } problem)
        {
            return problem;
        }

        var interaction = new Interaction(kind, now, actor, text);
        return Changed(deal with { LastInteraction = interaction }, actor, now, DealEventKind.Interaction, to: kind.ToString(), text: text);
    }

    public static DealDecision SetNextStep(Deal deal, DateOnly date, string? text, DateOnly today, UserRef actor, DateTimeOffset now)
    {
        if (ClosedProblem(deal) is { } closed)
        {
            return closed;
        }

        if (date < today)
        {
            return new DealRefusal("DateInPast", date);
        }

        return TextProblem(text) ?? Changed(
            deal with { NextStep = new NextStep(date, text) }, actor, now, DealEventKind.NextStepSet,
            from: deal.NextStep?.Date.ToString("yyyy-MM-dd"), to: date.ToString("yyyy-MM-dd"), text: text);
    }

    public static DealDecision Snooze(Deal deal, DateOnly until, string? reason, DateOnly today, UserRef actor, DateTimeOffset now)
    {
        if (ClosedProblem(deal) is { } closed)
        {
            return closed;
        }

        if (until <= today)
        {
            return new DealRefusal("SnoozeNotFuture", until);
        }

        return TextProblem(reason) ?? Changed(
            deal with { SnoozedUntil = until }, actor, now, DealEventKind.Snoozed, to: until.ToString("yyyy-MM-dd"), text: reason);
    }

    public static DealDecision Win(Deal deal, string? note, UserRef actor, DateTimeOffset now)
    {
        if (ClosedProblem(deal) is { } closed)
        {
            return closed;
        }

        return TextProblem(note) ?? Changed(
            deal with { Status = DealStatus.Won, ClosedAt = now, CloseNote = note, LostReason = null },
            actor, now, DealEventKind.Won, from: deal.Stage, text: note);
    }

    public static DealDecision Lose(Deal deal, string reason, UserRef actor, DateTimeOffset now)
    {
        if (ClosedProblem(deal) is { } closed)
        {
            return closed;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DealRefusal("LostNeedsReason", deal.Name);
        }

        return TextProblem(reason) ?? Changed(
            deal with { Status = DealStatus.Lost, ClosedAt = now, LostReason = reason, CloseNote = null },
            actor, now, DealEventKind.Lost, from: deal.Stage, text: reason);
    }

    /// <summary>A reopened deal goes back to the stage it closed in, and its stage clock starts again.</summary>
    public static DealDecision Reopen(Deal deal, UserRef actor, DateTimeOffset now)
    {
        if (deal.IsOpen)
        {
            return new DealRefusal("AlreadyOpen", deal.Name);
        }

        return Changed(
            deal with
            {
                Status = DealStatus.Open,
                ClosedAt = null,
                StageEnteredAt = now,
                StageChangedBy = actor,
                SnoozedUntil = null,
                StageLog = Logged(deal.StageLog, new StageEntry(deal.Stage, now)),
            },
            actor, now, DealEventKind.Reopened, from: deal.Status.ToString(), to: deal.Stage);
    }

    public static DealDecision SetAmount(Deal deal, Money amount, UserRef actor, DateTimeOffset now) =>
        Changed(deal with { Amount = amount }, actor, now, DealEventKind.FieldChanged, "amount", deal.Amount?.ToString(), amount.ToString());

    /// <summary>Moving the close date later counts as a slip; managers watch deals that slip repeatedly.</summary>
    public static DealDecision SetCloseDate(Deal deal, DateOnly close, UserRef actor, DateTimeOffset now)
    {
        var slipped = deal.CloseDate is { } old && close > old;
        return Changed(
            slipped
                ? deal with { CloseDate = close, CloseDateSlips = deal.CloseDateSlips + 1, LastSlipFrom = deal.CloseDate, LastSlipAt = now }
                : deal with { CloseDate = close },
            actor, now, DealEventKind.FieldChanged, "close", deal.CloseDate?.ToString("yyyy-MM-dd"), close.ToString("yyyy-MM-dd"));
    }

    public static DealDecision SetSegment(Deal deal, Segment segment, UserRef actor, DateTimeOffset now) =>
        Changed(deal with { Segment = segment }, actor, now, DealEventKind.FieldChanged, "segment", deal.Segment.ToString(), segment.ToString());

    public static DealDecision SetOwner(Deal deal, UserRef owner, UserRef actor, DateTimeOffset now) =>
        owner.Id == deal.Owner.Id
            ? new DealRefusal("AlreadyOwner", deal.Name, owner.Name)
            : Changed(deal with { Owner = owner }, actor, now, DealEventKind.FieldChanged, "owner", deal.Owner.Name, owner.Name);

    public static DealDecision SetName(Deal deal, string name, UserRef actor, DateTimeOffset now) =>
        NameProblem(name) ?? Changed(deal with { Name = name.Trim() }, actor, now, DealEventKind.FieldChanged, "name", deal.Name, name.Trim());

    public static DealDecision SetCategory(Deal deal, ForecastCategory category, UserRef actor, DateTimeOffset now) =>
        Changed(deal with { Category = category }, actor, now, DealEventKind.FieldChanged, "category", deal.Category?.ToString(), category.ToString());

    /// <summary>SalesBot itself, the actor of nudges.</summary>
    public static readonly UserRef SalesBot = new("salesbot", "SalesBot");

    /// <summary>
    /// Nudge <paramref name="number"/> of stall episode <paramref name="episode"/> is about to be sent: claimed first, so
    /// that of several instances only the one whose conditional write wins sends it.
    /// </summary>
    public static DealDecision ClaimNudge(Deal deal, string episode, int number, DateTimeOffset now) =>
        ClosedProblem(deal) ?? (DealDecision)Changed(
            deal with { NudgeEpisode = episode, NudgesSent = deal.NudgeEpisode == episode ? deal.NudgesSent : 0, NudgeClaimed = number, NudgeClaimedAt = now },
            SalesBot, now, DealEventKind.NudgeClaimed, to: number.ToString(CultureInfo.InvariantCulture), text: deal.Owner.Name);

    /// <summary>Claims the alert that the deal's expected close date has passed while it is still open (once per close date).</summary>
    public static DealDecision ClaimSlipAlert(Deal deal, DateTimeOffset now) =>
        ClosedProblem(deal) ?? (deal.CloseDate is not { } close || deal.SlipAlertFor == close
            ? new DealRefusal("AlreadyAlerted")
            : (DealDecision)Changed(deal with { SlipAlertFor = close }, SalesBot, now, DealEventKind.Nudged, field: "close",
                to: close.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text: deal.Owner.Name));

    /// <summary>The claimed nudge reached its owner.</summary>
    public static DealDecision ConfirmNudge(Deal deal, int number, DateTimeOffset now) =>
        Changed(deal with { NudgesSent = number, LastNudgeAt = now, NudgeClaimedAt = null },
            SalesBot, now, DealEventKind.Nudged, to: number.ToString(CultureInfo.InvariantCulture), text: deal.Owner.Name);

    private static DealChange MoveTo(Deal deal, string stage, UserRef actor, DateTimeOffset now) =>
        Changed(
            deal with { Stage = stage, StageEnteredAt = now, StageChangedBy = actor, SnoozedUntil = null, StageLog = Logged(deal.StageLog, new StageEntry(stage, now)) },
            actor, now, DealEventKind.StageMoved, from: deal.Stage, to: stage);

    /// <summary>
    /// The stage log with one more entry, kept to its first entry and the most recent ones (<see cref="StageLogLimit"/>
    /// in all), so a deal moved back and forth for years still fits its table row.
    /// </summary>
    internal static IReadOnlyList<StageEntry> Logged(IReadOnlyList<StageEntry> log, StageEntry entry) =>
        log.Count < StageLogLimit ? [.. log, entry] : [log[0], .. log.Skip(log.Count - StageLogLimit + 2), entry];

    private static DealChange Changed(
        Deal after, UserRef actor, DateTimeOffset now, DealEventKind kind,
        string? field = null, string? from = null, string? to = null, string? text = null)
    {
        var version = after.Version + 1;
        return new DealChange(after with { Version = version }, new DealEvent(version, now, actor, kind, field, from, to, text));
    }

    private static DealRefusal? ClosedProblem(Deal deal) => deal.Status switch
    {
        DealStatus.Won => new DealRefusal("DealClosedWon", deal.Name, deal.Id),
        DealStatus.Lost => new DealRefusal("DealClosedLost", deal.Name, deal.Id),
        _ => null,
    };

    private static DealDecision? NameProblem(string name)
    {
        if (TextKey.Normalize(name).Length == 0)
        {
            return new DealRefusal("NameNeedsLetters");
        }

        return name.Trim().Length > MaxNameLength ? new DealRefusal("NameTooLong", MaxNameLength) : null;
    }

    private static DealDecision? TextProblem(string? text) =>
        text is { Length: > MaxTextLength } ? new DealRefusal("TextTooLong", MaxTextLength) : null;
}
