namespace SalesBot.Deals;

/// <summary>The outcome of applying a rule to a deal: a change to store, or a refusal to explain.</summary>
internal abstract record DealDecision;

/// <summary>The deal after the change and the one history event that records it.</summary>
internal sealed record DealChange(Deal After, DealEvent Event) : DealDecision
{
    /// <summary>Events before <see cref="Event"/> that the same write records (a deal imported with its past).</summary>
    public IReadOnlyList<DealEvent> Earlier { get; init; } = [];
}

/// <summary>A refusal; <paramref name="Reason"/> names a user-facing message, <paramref name="Args"/> fill it.</summary>
internal sealed record DealRefusal(string Reason, params object[] Args) : DealDecision
{
    /// <summary>An argument that stands for a person nobody recorded; replies name it in the reader's language.</summary>
    public static readonly object Someone = new();
}
