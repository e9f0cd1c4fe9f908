using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Reminders;

/// <summary>What the scanner should do with a deal now.</summary>
internal abstract record NudgeDecision
{
    /// <summary>Nothing to send; look again at <paramref name="NextCheck"/> (never, when null).</summary>
    public sealed record NotYet(DateTimeOffset? NextCheck) : NudgeDecision;

    /// <summary>Send nudge <paramref name="Number"/> of the stall episode <paramref name="Episode"/>.</summary>
    public sealed record Send(string Episode, int Number, int DaysOverLimit) : NudgeDecision;
}

/// <summary>
/// When stall nudges are due, as a pure function of the deal, the team, the owner's time zone and now. A stall episode
/// starts on the first business day the deal is over its stage limit (or, later, the first business day after its next
/// step or snooze ends); the first nudge is due then, and nudge k a repeat interval of business days after nudge k − 1 was
/// sent, at the start of the owner's working day, and goes out only within working hours. A stage move, a won/lost or a snooze ends the episode.
/// </summary>
internal static class NudgeSchedule
{
    public static NudgeDecision Decide(Deal deal, TenantSettings tenant, TimeZoneInfo ownerZone, ReminderOptions options, DateTimeOffset now)
    {
        if (!deal.IsOpen)
        {
            return new NudgeDecision.NotYet(null);
        }

        var (start, _) = options.Hours();
        var episodeStart = EpisodeStart(deal, tenant);
        var episode = $"{deal.Stage}|{deal.StageEnteredAt.UtcTicks}|{episodeStart:yyyyMMdd}";
        var sent = deal.NudgeEpisode == episode ? deal.NudgesSent : 0;
        var number = sent + 1;
        var dueDay = number == 1 ? episodeStart : BusinessDays.Add(PreviousNudgeDay(deal, ownerZone, episodeStart, number, options, tenant), options.RepeatBusinessDays, tenant.Holidays);
        var dueAt = At(dueDay, start, ownerZone);
        if (now < dueAt)
        {
            return new NudgeDecision.NotYet(dueAt);
        }

        var today = tenant.Today(now);
        if (!StallPolicy.IsStalled(deal, tenant, today))
        {
            // Not stalled after all (e.g. a next step or snooze today): look again at the start of the next working day.
            return new NudgeDecision.NotYet(NextWorkingStart(now, ownerZone, options, tenant.Holidays));
        }

        if (!InWorkingHours(now, ownerZone, options, tenant.Holidays))
        {
            return new NudgeDecision.NotYet(NextWorkingStart(now, ownerZone, options, tenant.Holidays));
        }

        return new NudgeDecision.Send(episode, number, StallPolicy.DaysOverLimit(deal, tenant, today));
    }

    /// <summary>
    /// When the alert that an open deal's expected close date has passed is due: the start of the owner's first working
    /// day after that date; null when there is no close date or its alert went out already.
    /// </summary>
    public static DateTimeOffset? SlipAlertAt(Deal deal, TenantSettings tenant, TimeZoneInfo ownerZone, ReminderOptions options) =>
        deal.IsOpen && deal.CloseDate is { } close && deal.SlipAlertFor != close
            ? At(BusinessDays.Add(close, 1, tenant.Holidays), options.Hours().Start, ownerZone)
            : null;

    /// <summary>
    /// The owner's day on which nudge <paramref name="number"/> − 1 went out. The next one counts its repeat interval from
    /// there, not from the episode's start: a deal that stalled weeks before anyone was told (an import, a long outage)
    /// gets one nudge now and the next a full interval later, never a catch-up burst.
    /// </summary>
    private static DateOnly PreviousNudgeDay(Deal deal, TimeZoneInfo ownerZone, DateOnly episodeStart, int number, ReminderOptions options, TenantSettings tenant) =>
        deal.LastNudgeAt is { } last
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last, ownerZone).DateTime)
            : BusinessDays.Add(episodeStart, (number - 2) * options.RepeatBusinessDays, tenant.Holidays);

    /// <summary>The first business day of the current stall episode (possibly in the future).</summary>
    public static DateOnly EpisodeStart(Deal deal, TenantSettings tenant)
    {
        var entered = tenant.Today(deal.StageEnteredAt);
        var crossing = BusinessDays.Add(entered, tenant.Process.StallLimit(deal.Stage, deal.Segment) + 1, tenant.Holidays);
        var start = crossing;
        if (deal.NextStep is { } next && BusinessDays.Add(next.Date, 1, tenant.Holidays) > start)
        {
            start = BusinessDays.Add(next.Date, 1, tenant.Holidays);
        }

        if (deal.SnoozedUntil is { } snoozed && BusinessDays.OnOrAfter(snoozed, tenant.Holidays) > start)
        {
            start = BusinessDays.OnOrAfter(snoozed, tenant.Holidays);
        }

        return start;
    }

    public static bool InWorkingHours(DateTimeOffset now, TimeZoneInfo zone, ReminderOptions options, IReadOnlyCollection<DateOnly> holidays)
    {
        var (start, end) = options.Hours();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return BusinessDays.IsWeekday(day) && !holidays.Contains(day) && time >= start && time < end;
    }

    public static DateTimeOffset NextWorkingStart(DateTimeOffset now, TimeZoneInfo zone, ReminderOptions options, IReadOnlyCollection<DateOnly> holidays)
    {
        var (start, _) = options.Hours();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var candidate = TimeOnly.FromDateTime(local.DateTime) < start ? BusinessDays.OnOrAfter(day, holidays) : BusinessDays.Add(day, 1, holidays);
        return At(candidate, start, zone);
    }

    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
