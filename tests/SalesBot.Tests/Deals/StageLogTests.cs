using SalesBot.Deals;
using SalesBot.Storage;

namespace SalesBot.Tests.Deals;

/// <summary>A deal moved back and forth for years keeps working: its stage log stays bounded and fits its table row.</summary>
public class StageLogTests
{
    private static readonly UserRef Ann = new("UANN", "Ann");

    [Fact]
    public void A_deal_moved_two_thousand_times_keeps_its_first_and_latest_stage_entries_and_fits_its_row()
    {
        var process = SalesProcess.Default;
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var deal = ((DealChange)DealRules.Create("D-LONG", "Back and forth", Ann, null, Segment.Smb, null, process, Ann, start)).After;
        var now = start;
        for (var i = 0; i < 2000; i++)
        {
            now = now.AddHours(1);
            var decision = i % 2 == 0
                ? DealRules.Advance(deal, process, null, deal.Stage, Ann, now)
                : DealRules.Back(deal, process, deal.Stage, Ann, now);
            deal = Assert.IsType<DealChange>(decision).After;
        }

        Assert.Equal(DealRules.StageLogLimit, deal.StageLog.Count);
        Assert.Equal(new StageEntry(process.First.Key, start), deal.StageLog[0]);
        Assert.Equal(new StageEntry(deal.Stage, now), deal.StageLog[^1]);
        Assert.Equal(now.AddHours(-(DealRules.StageLogLimit - 2)), deal.StageLog[1].At);

        // Table Storage refuses a string property over 32K characters; the row, with the longest stage keys, stays far below.
        var longKeys = deal with { StageLog = deal.StageLog.Select(e => e with { Stage = new string('s', 60) }).ToArray() };
        var row = DealEntities.ToEntity("t", longKeys, "op");
        Assert.True(row.GetString("StageLog").Length < 8_000, $"stage log of {row.GetString("StageLog").Length} characters");
        Assert.Equal(deal.StageLog, DealEntities.ToDeal(DealEntities.ToEntity("t", deal, "op")).StageLog);
    }
}
