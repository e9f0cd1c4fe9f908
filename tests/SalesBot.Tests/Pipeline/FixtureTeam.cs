using SalesBot.Deals;

namespace SalesBot.Tests.Pipeline;

/// <summary>
/// A team of 38 deals over two years, built so every pipeline figure can be worked out by hand (PipelineMathTests does).
/// Today is Friday 27 November 2026; the quarter is Q4 2026 (1 October – 31 December); amounts in DKK, 1 EUR = 7.5 DKK,
/// no rate for USD.
/// </summary>
internal static class FixtureTeam
{
    public static readonly DateOnly Today = new(2026, 11, 27);
    public static readonly UserRef Ann = new("u-ann", "Ann");
    public static readonly UserRef Bob = new("u-bob", "Bob");
    private static readonly string[] Stages = ["prospecting", "contact", "identify-need", "present-offer", "handle-objections"];

    public static DateTimeOffset At(string day) => new(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    public static IReadOnlyList<Deal> Open() =>
    [
        OpenDeal("O1", Ann, 100_000, "DKK", Segment.MidMarket, 0, "2026-11-17", "2026-12-15"),
        OpenDeal("O2", Bob, 200_000, "DKK", Segment.Enterprise, 1, "2026-11-20", "2026-12-20") with { LastSlipAt = At("2026-11-03"), LastSlipFrom = new DateOnly(2026, 11, 15), CloseDateSlips = 1 },
        OpenDeal("O3", Ann, 300_000, "DKK", Segment.Smb, 2, "2026-11-25", "2026-12-31"),
        OpenDeal("O4", Bob, 400_000, "DKK", Segment.MidMarket, 3, "2026-11-07", "2026-11-30"),
        OpenDeal("O5", Ann, 500_000, "DKK", Segment.Enterprise, 4, "2026-11-26", "2026-12-10") with { LastSlipAt = At("2026-09-15"), CloseDateSlips = 1 },
        OpenDeal("O6", Ann, 40_000, "EUR", Segment.MidMarket, 3, "2026-11-23", "2026-12-05"),
        OpenDeal("O7", Bob, 10_000, "USD", Segment.Smb, 1, "2026-11-26", "2026-12-01"),
        OpenDeal("O8", Ann, 1_000_000, "DKK", Segment.MidMarket, 2, "2026-10-01", "2027-02-15") with { NextStep = new NextStep(new DateOnly(2026, 12, 2), "demo") },
        OpenDeal("O9", Bob, 50_000, "DKK", Segment.MidMarket, 0, "2026-11-02", null) with { SnoozedUntil = new DateOnly(2026, 12, 1) },
    ];

    public static IReadOnlyList<Deal> Closed()
    {
        var deals = new List<Deal>
        {
            // Closed in Q4 2026.
            Won("W1", Ann, 150_000, "2026-08-16", [10, 10, 10, 15, 15]),
            Won("W2", Bob, 250_000, "2026-09-11", [10, 10, 10, 15, 15]),
            Lost("L1", Ann, 100_000, "2026-09-30", [10, 10]),
        };

        // Closed earlier in the trailing twelve months.
        for (var i = 0; i < 4; i++)
        {
            deals.Add(Won($"W{3 + i}", i % 2 == 0 ? Ann : Bob, 100_000, $"2026-0{2 + i}-01", [20, 20, 20, 15, 15]));
        }

        for (var i = 0; i < 4; i++)
        {
            deals.Add(Lost($"L{2 + i}", Bob, 50_000, $"2026-0{3 + i}-10", [5]));
            deals.Add(Lost($"L{6 + i}", Ann, 50_000, $"2026-0{3 + i}-12", [5, 5, 15]));
        }

        // Closed more than twelve months ago: outside every trailing figure.
        for (var i = 0; i < 6; i++)
        {
            deals.Add(Won($"W{7 + i}", Ann, 900_000, $"2024-0{1 + i}-05", [1, 1, 1, 1, 1]));
        }

        for (var i = 0; i < 8; i++)
        {
            deals.Add(Lost($"L{10 + i}", Bob, 900_000, $"2024-0{1 + i}-07", [1, 1, 1]));
        }

        return deals;
    }

    private static Deal OpenDeal(string id, UserRef owner, decimal amount, string currency, Segment segment, int stage, string entered, string? close) => new()
    {
        Id = id,
        Name = "Deal " + id,
        Owner = owner,
        Amount = new Money(amount, currency),
        Segment = segment,
        Stage = Stages[stage],
        StageEnteredAt = At(entered),
        CreatedAt = At("2026-09-01"),
        CloseDate = close is null ? null : DateOnly.Parse(close, System.Globalization.CultureInfo.InvariantCulture),
        StageLog = [new StageEntry(Stages[stage], At(entered))],
        Status = DealStatus.Open,
    };

    /// <summary>A closed deal that spent the given days in consecutive stages from its creation, then closed.</summary>
    private static Deal Closed(string id, UserRef owner, decimal amount, string created, int[] daysPerStage, DealStatus status)
    {
        var at = At(created);
        var log = new List<StageEntry>();
        for (var i = 0; i < daysPerStage.Length; i++)
        {
            log.Add(new StageEntry(Stages[i], at));
            at = at.AddDays(daysPerStage[i]);
        }

        return new Deal
        {
            Id = id,
            Name = "Deal " + id,
            Owner = owner,
            Amount = new Money(amount, "DKK"),
            Segment = Segment.MidMarket,
            Stage = log[^1].Stage,
            StageEnteredAt = log[^1].At,
            CreatedAt = At(created),
            StageLog = log,
            Status = status,
            ClosedAt = at,
            LostReason = status == DealStatus.Lost ? "no budget" : null,
        };
    }

    private static Deal Won(string id, UserRef owner, decimal amount, string created, int[] days) => Closed(id, owner, amount, created, days, DealStatus.Won);

    private static Deal Lost(string id, UserRef owner, decimal amount, string created, int[] days) => Closed(id, owner, amount, created, days, DealStatus.Lost);
}
