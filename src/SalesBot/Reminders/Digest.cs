using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Reminders;

/// <summary>
/// The managers' weekly digest: stalled deals whose owner ignored <see cref="ReminderOptions.EscalateAfter"/> or more
/// nudges in the current episode, by owner with business days over the limit; and open deals whose close date slipped
/// twice or more. Pure: deals and settings in, reply out.
/// </summary>
internal sealed class Digest(DealText deals)
{
    public Reply? For(IReadOnlyList<Deal> open, TenantSettings tenant, ReminderOptions options, DateOnly today)
    {
        var t = deals.Text;
        var escalated = open
            .Where(d => StallPolicy.IsStalled(d, tenant, today) && d.NudgeEpisode?.StartsWith(d.Stage + "|", StringComparison.Ordinal) == true
                && d.NudgesSent >= options.EscalateAfter)
            .OrderBy(d => d.Owner.Name, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(d => StallPolicy.DaysOverLimit(d, tenant, today))
            .ToArray();
        var slipped = open.Where(d => d.CloseDateSlips >= 2).OrderByDescending(d => d.CloseDateSlips).ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        if (escalated.Length == 0 && slipped.Length == 0)
        {
            return null;
        }

        var items = new List<string>();
        foreach (var owner in escalated.GroupBy(d => d.Owner.Name))
        {
            items.Add(t["DigestOwner", owner.Key, owner.Count()]);
            items.AddRange(owner.Select(d => t["DigestStalledLine", d.Name, d.Id, tenant.Process.Get(d.Stage).Name,
                StallPolicy.DaysOverLimit(d, tenant, today), d.NudgesSent, deals.Money(d.Amount)]));
        }

        if (slipped.Length > 0)
        {
            items.Add(t["DigestSlippedHeader", slipped.Length]);
            items.AddRange(slipped.Select(d => t["DigestSlippedLine", d.Name, d.Id, d.Owner.Name, d.CloseDateSlips,
                d.CloseDate is { } c ? DealText.Date(c) : t["NoCloseDate"]]));
        }

        var header = t["DigestHeader", DealText.Date(today)];
        var lead = t["DigestLead", t.DealCount(escalated.Length), t.DealCount(slipped.Length)];
        return new Reply($"{header}\n{lead}\n" + string.Join("\n", items.Select(i => "• " + i)))
        {
            Header = header,
            Lead = lead,
            Items = items,
            Buttons = slipped.Length > 0
                ? [new(t["ButtonStalledTeam"], "stalled team"), new(t["ButtonSlippedDeals"], "deal list slipped"), new(t["ButtonMyPipeline"], "pipeline")]
                : [new(t["ButtonStalledTeam"], "stalled team"), new(t["ButtonMyPipeline"], "pipeline")],
        };
    }

    /// <summary>The next digest time after <paramref name="now"/>: the configured weekday and time in the team's zone.</summary>
    public static DateTimeOffset Next(DateTimeOffset now, TenantSettings tenant, ReminderOptions options)
    {
        var (day, time) = options.Digest();
        var today = tenant.Today(now);
        for (var i = 0; i <= 7; i++)
        {
            var candidate = today.AddDays(i);
            if (candidate.DayOfWeek == day && NudgeSchedule.At(candidate, time, tenant.TimeZone) is var at && at > now)
            {
                return at;
            }
        }

        return NudgeSchedule.At(today.AddDays(7), time, tenant.TimeZone);
    }
}
