namespace SalesBot.Messaging;

internal enum Visibility
{
    /// <summary>Only the person who asked sees it.</summary>
    Private,

    /// <summary>Everyone in the conversation sees it.</summary>
    Public,
}

internal enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}

/// <summary>
/// A button runs <paramref name="Command"/> as the user who clicks it, exactly as if typed. A button offered to one
/// person (<see cref="OfferedTo"/>, their user id) runs only for that person: in a shared conversation anyone can see it,
/// but its label shows a choice, not the whole command, so nobody else may run it with their own authority.
/// </summary>
internal sealed record ReplyButton(string Label, string Command, ButtonStyle Style = ButtonStyle.Default)
{
    public string? OfferedTo { get; init; }
}

internal sealed record ReplyField(string Label, string Value);

/// <summary>
/// A channel-neutral answer. <see cref="Text"/> always reads well on its own (notifications, screen readers,
/// channels without rich layout); the other parts let a channel render a card.
/// </summary>
internal sealed record Reply(string Text)
{
    public string? Header { get; init; }
    /// <summary>The sentence shown above fields and lists on cards; without it, <see cref="Text"/> is shown when there is nothing else.</summary>
    public string? Lead { get; init; }
    public IReadOnlyList<ReplyField> Fields { get; init; } = [];
    public IReadOnlyList<string> Items { get; init; } = [];
    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];
    public string? Footer { get; init; }
    public Visibility Visibility { get; init; } = Visibility.Private;
    /// <summary>True when the answer reports a problem rather than a result.</summary>
    public bool IsError { get; init; }
    /// <summary>
    /// A click answered with this reply leaves the message that held the button as it was, and the answer goes only to
    /// the person who clicked where the channel allows it.
    /// </summary>
    public bool KeepsClickedMessage { get; init; }
}
