namespace SalesBot.Deals;

/// <summary>A deal as it stands now. Every change to it is also recorded as a <see cref="DealEvent"/>.</summary>
internal sealed record Deal
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required UserRef Owner { get; init; }
    public Money? Amount { get; init; }
    public Segment Segment { get; init; }
    public required string Stage { get; init; }
    public DateTimeOffset StageEnteredAt { get; init; }
    public UserRef? StageChangedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateOnly? CloseDate { get; init; }
    public int CloseDateSlips { get; init; }
    /// <summary>The close date before the latest slip, and when it slipped.</summary>
    public DateOnly? LastSlipFrom { get; init; }
    public DateTimeOffset? LastSlipAt { get; init; }
    /// <summary>Every stage the deal entered, in order, with the time: the source of conversion and time-in-stage figures.</summary>
    public IReadOnlyList<StageEntry> StageLog { get; init; } = [];
    public NextStep? NextStep { get; init; }
    public DealStatus Status { get; init; }
    public string? LostReason { get; init; }
    public string? CloseNote { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>Set only when someone chose a category; otherwise the stage's default applies.</summary>
    public ForecastCategory? Category { get; init; }
    public DateOnly? SnoozedUntil { get; init; }
    public Interaction? LastInteraction { get; init; }
    /// <summary>The stall episode the latest nudges belong to, how many were delivered, and an unfinished claim.</summary>
    public string? NudgeEpisode { get; init; }
    public int NudgesSent { get; init; }
    public DateTimeOffset? LastNudgeAt { get; init; }
    public int NudgeClaimed { get; init; }
    public DateTimeOffset? NudgeClaimedAt { get; init; }
    /// <summary>The expected close date whose passing the owner was told of (a slip alert goes out once per close date).</summary>
    public DateOnly? SlipAlertFor { get; init; }
    /// <summary>Number of changes applied; the history holds one event per version.</summary>
    public int Version { get; init; }

    public bool IsOpen => Status == DealStatus.Open;
}

internal sealed record NextStep(DateOnly Date, string? Text);

internal sealed record StageEntry(string Stage, DateTimeOffset At);

internal sealed record Interaction(InteractionKind Kind, DateTimeOffset At, UserRef By, string? Text);
