namespace SalesBot.Deals;

/// <summary>Customer size; cycle length and stall limits differ by segment.</summary>
public enum Segment
{
    Smb,
    MidMarket,
    Enterprise,
}

public enum DealStatus
{
    Open,
    Won,
    Lost,
}

public enum ForecastCategory
{
    Pipeline,
    BestCase,
    Commit,
}

public enum InteractionKind
{
    Call,
    Email,
    Meeting,
    Demo,
    Note,
}

/// <summary>A person as the channel knows them: a stable id and the name to show.</summary>
public sealed record UserRef(string Id, string Name);
