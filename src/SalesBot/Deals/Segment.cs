namespace SalesBot.Deals;

/// <summary>Customer size; cycle length and stall limits differ by segment.</summary>
internal enum Segment
{
    Smb,
    MidMarket,
    Enterprise,
}

/// <summary>The words people use for a segment, in commands, imports and configuration.</summary>
internal static class Segments
{
    public static Segment? Parse(string word) => word.ToLowerInvariant() switch
    {
        "smb" or "small" => Segment.Smb,
        "mid" or "midmarket" or "mid-market" or "mm" or "mellem" or "mellemstor" or "mellemstore" => Segment.MidMarket,
        "enterprise" or "ent" => Segment.Enterprise,
        _ => null,
    };

    /// <summary>The word <see cref="Parse"/> reads back as <paramref name="segment"/>.</summary>
    public static string Word(Segment segment) => segment switch
    {
        Segment.Smb => "smb",
        Segment.MidMarket => "mid",
        _ => "enterprise",
    };
}

internal enum DealStatus
{
    Open,
    Won,
    Lost,
}

internal enum ForecastCategory
{
    Pipeline,
    BestCase,
    Commit,
}

internal enum InteractionKind
{
    Call,
    Email,
    Meeting,
    Demo,
    Note,
}

/// <summary>A person as the channel knows them: a stable id and the name to show.</summary>
internal sealed record UserRef(string Id, string Name);
