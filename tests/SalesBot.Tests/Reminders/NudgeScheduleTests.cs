using SalesBot.Deals;
using SalesBot.Reminders;
using SalesBot.Tenants;

namespace SalesBot.Tests.Reminders;

public class NudgeScheduleTests
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
    private static readonly ReminderOptions Options = new();

    private static TenantSettings Team(params DateOnly[] holidays) => new(
        "t", Copenhagen, "DKK", 1, "en", false, Segment.MidMarket, new HashSet<string>(), holidays, SalesProcess.Default, new Dictionary<string, decimal>());

    /// <summary>An SMB deal in Contact (limit 3 business days) since the given local time in Copenhagen.</summary>
    private static Deal InContact(string enteredLocal) => new()
    {
        Id = "D-2222",
        Name = "Acme",
        Owner = new UserRef("u-ann", "Ann"),
        Segment = Segment.Smb,
        Stage = "contact",
        StageEnteredAt = Local(enteredLocal),
        CreatedAt = Local(enteredLocal),
    };

    private static DateTimeOffset Local(string text, TimeZoneInfo? zone = null)
    {
        var local = DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, (zone ?? Copenhagen).GetUtcOffset(local));
    }

    private static NudgeDecision Decide(Deal deal, string nowLocal, TenantSettings? team = null, TimeZoneInfo? owner = null) =>
        NudgeSchedule.Decide(deal, team ?? Team(), owner ?? Copenhagen, Options, Local(nowLocal, owner));

    [Fact]
    public void The_first_nudge_comes_on_the_first_business_day_over_the_limit_counting_friday_to_monday()
    {
        // Entered Tuesday 24 Nov; business days 25, 26, 27 Nov reach the limit of 3; Monday 30 Nov is the first one over.
        var deal = InContact("2026-11-24 14:00");

        Assert.Equal(new NudgeDecision.NotYet(Local("2026-11-30 09:00")), Decide(deal, "2026-11-27 16:00"));
        Assert.Equal(new NudgeDecision.NotYet(Local("2026-11-30 09:00")), Decide(deal, "2026-11-29 12:00"));
        var send = Assert.IsType<NudgeDecision.Send>(Decide(deal, "2026-11-30 09:00"));
        Assert.Equal((1, 1), (send.Number, send.DaysOverLimit));
    }

    [Fact]
    public void Holidays_are_not_business_days()
    {
        var deal = InContact("2026-11-24 14:00");

        Assert.Equal(new NudgeDecision.NotYet(Local("2026-12-01 09:00")), Decide(deal, "2026-11-30 10:00", Team(new DateOnly(2026, 11, 30))));
    }

    [Fact]
    public void A_nudge_due_at_night_waits_for_the_owners_morning()
    {
        var deal = InContact("2026-11-24 14:00");

        Assert.Equal(new NudgeDecision.NotYet(Local("2026-11-30 09:00")), Decide(deal, "2026-11-30 03:00"));
        Assert.Equal(new NudgeDecision.NotYet(Local("2026-12-01 09:00")), Decide(deal, "2026-11-30 17:30"));
        Assert.IsType<NudgeDecision.Send>(Decide(deal, "2026-11-30 16:59"));

        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal(new NudgeDecision.NotYet(Local("2026-11-30 09:00", newYork)), Decide(deal, "2026-11-30 05:00", owner: newYork));
    }

    [Fact]
    public void Nudges_repeat_every_three_business_days_and_a_stage_move_starts_over()
    {
        var deal = InContact("2026-11-24 14:00");
        var first = Assert.IsType<NudgeDecision.Send>(Decide(deal, "2026-11-30 09:30"));
        var nudged = deal with { NudgeEpisode = first.Episode, NudgesSent = 1 };

        Assert.Equal(new NudgeDecision.NotYet(Local("2026-12-03 09:00")), Decide(nudged, "2026-11-30 10:00"));
        var second = Assert.IsType<NudgeDecision.Send>(Decide(nudged, "2026-12-03 09:00"));
        Assert.Equal((first.Episode, 2, 4), (second.Episode, second.Number, second.DaysOverLimit));

        // Moved to Identify need (SMB limit 5) on 3 Dec: a new episode, due on the sixth business day after.
        var moved = nudged with { Stage = "identify-need", StageEnteredAt = Local("2026-12-03 11:00") };
        Assert.Equal(new NudgeDecision.NotYet(Local("2026-12-11 09:00")), Decide(moved, "2026-12-03 12:00"));
    }

    [Fact]
    public void A_deal_that_stalled_weeks_ago_gets_its_next_nudge_a_full_interval_after_the_last_one_was_sent()
    {
        // Over the limit since 30 Nov, first told on Friday 18 Dec (an import): the second nudge counts from 18 Dec.
        var deal = InContact("2026-11-24 14:00");
        var first = Assert.IsType<NudgeDecision.Send>(Decide(deal, "2026-12-18 10:00"));
        Assert.Equal(1, first.Number);
        var nudged = deal with { NudgeEpisode = first.Episode, NudgesSent = 1, LastNudgeAt = Local("2026-12-18 10:00") };

        Assert.Equal(new NudgeDecision.NotYet(Local("2026-12-23 09:00")), Decide(nudged, "2026-12-18 10:00:02"));
        Assert.Equal(new NudgeDecision.NotYet(Local("2026-12-23 09:00")), Decide(nudged, "2026-12-22 16:00"));
        Assert.Equal(2, Assert.IsType<NudgeDecision.Send>(Decide(nudged, "2026-12-23 09:00")).Number);
    }

    [Fact]
    public void Closed_snoozed_or_next_stepped_deals_are_not_nudged()
    {
        var deal = InContact("2026-11-24 14:00");

        Assert.Equal(new NudgeDecision.NotYet(null), Decide(deal with { Status = DealStatus.Won }, "2026-12-02 10:00"));
        Assert.Equal(new NudgeDecision.NotYet(null), Decide(deal with { Status = DealStatus.Lost }, "2026-12-02 10:00"));
        Assert.Equal(new NudgeDecision.NotYet(Local("2026-12-04 09:00")), Decide(deal with { SnoozedUntil = new DateOnly(2026, 12, 4) }, "2026-12-02 10:00"));
        Assert.Equal(new NudgeDecision.NotYet(Local("2026-12-08 09:00")), Decide(deal with { NextStep = new NextStep(new DateOnly(2026, 12, 7), "demo") }, "2026-12-02 10:00"));
    }
}
