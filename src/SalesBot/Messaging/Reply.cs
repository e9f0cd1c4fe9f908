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

/// <summary>One bar of a chart: its label, its length (a weighted part drawn darker), and the text (and a second line) written beside it.</summary>
internal sealed record ChartBar(string Label, double Value, double Weighted, string Text, string? Detail = null);

/// <summary>
/// A picture to go with an answer, channel-neutral: the open pipeline by stage (bars, their weighted part marked) and
/// what was won and lost. <see cref="ImageUrl"/> serves the rendered PNG behind a short-lived signature; a channel that
/// uploads files renders the same data itself.
/// </summary>
internal sealed record ReplyChart(
    string Title, string Subtitle, IReadOnlyList<ChartBar> Stages, string OpenLegend, string WeightedLegend, IReadOnlyList<ChartBar> Closed, string AltText)
{
    public string? ImageUrl { get; init; }
}

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
    /// <summary>A chart that goes with the answer (pipeline … chart).</summary>
    public ReplyChart? Chart { get; init; }
}
