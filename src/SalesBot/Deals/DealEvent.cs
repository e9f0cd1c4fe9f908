namespace SalesBot.Deals;

internal enum DealEventKind
{
    Created,
    StageMoved,
    FieldChanged,
    Interaction,
    NextStepSet,
    Snoozed,
    Won,
    Lost,
    Reopened,
    NudgeClaimed,
    Nudged,
}

/// <summary>
/// One append-only history entry. <paramref name="Version"/> is the deal version the change produced,
/// so the history of a deal is gap-free and ordered.
/// </summary>
internal sealed record DealEvent(
    int Version,
    DateTimeOffset At,
    UserRef Actor,
    DealEventKind Kind,
    string? Field = null,
    string? From = null,
    string? To = null,
    string? Text = null);
