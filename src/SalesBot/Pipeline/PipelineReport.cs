using SalesBot.Deals;

namespace SalesBot.Pipeline;

/// <summary>Whose deals a report covers: one owner or the team, optionally one segment.</summary>
internal sealed record PipelineScope(string? OwnerId, string? OwnerName, Segment? Segment)
{
    public bool Includes(Deal d) => (OwnerId is null || d.Owner.Id == OwnerId) && (Segment is null || d.Segment == Segment);
}

internal sealed record StageLine(StageDefinition Stage, int Count, decimal Amount, decimal Weighted, double? AverageDaysInStage);

internal sealed record Conversion(string From, string? To, int Entered, int Advanced)
{
    public double? Rate => Entered == 0 ? null : (double)Advanced / Entered;
}

/// <summary>Everything "pipeline &lt;period&gt;" reports; amounts are in the team's base currency.</summary>
internal sealed record PipelineReport(
    Period Period,
    PipelineScope Scope,
    string Currency,
    IReadOnlyList<StageLine> Stages,
    int OpenCount,
    decimal OpenAmount,
    decimal Weighted,
    IReadOnlyDictionary<ForecastCategory, decimal> Categories,
    int WonCount,
    decimal WonAmount,
    int LostCount,
    decimal LostAmount,
    decimal? Quota,
    double? Attainment,
    decimal? RemainingQuota,
    double? Coverage,
    double? NeededCoverage,
    int TrailingWon,
    int TrailingLost,
    decimal TrailingWonValue,
    decimal TrailingLostValue,
    IReadOnlyList<Conversion> Conversions,
    IReadOnlyDictionary<string, double?> AverageDaysPerStage,
    double? CycleDays,
    decimal? VelocityPerDay,
    int StalledCount,
    decimal StalledAmount,
    int SlippedCount,
    int Unpriced,
    int OpenWithoutCloseDate)
{
    /// <summary>People with deals in the period but no quota, in a team answer whose quota sums its people's.</summary>
    public IReadOnlyList<string> WithoutQuota { get; init; } = [];

    public double? WinRateByCount => TrailingWon + TrailingLost == 0 ? null : (double)TrailingWon / (TrailingWon + TrailingLost);

    public double? WinRateByValue => TrailingWonValue + TrailingLostValue == 0 ? null : (double)(TrailingWonValue / (TrailingWonValue + TrailingLostValue));
}
