using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>
/// Whether a deal is stuck: open, more business days in its stage than the limit for (stage, segment), no next step
/// today or later, and not snoozed.
/// </summary>
internal static class StallPolicy
{
    public static int DaysInStage(Deal deal, TenantSettings tenant, DateOnly today) =>
        BusinessDays.Between(tenant.Today(deal.StageEnteredAt), today, tenant.Holidays);

    /// <summary>Business days beyond the stage limit; zero or less means not over.</summary>
    public static int DaysOverLimit(Deal deal, TenantSettings tenant, DateOnly today) =>
        DaysInStage(deal, tenant, today) - tenant.Process.StallLimit(deal.Stage, deal.Segment);

    public static bool IsStalled(Deal deal, TenantSettings tenant, DateOnly today)
    {
        var hasFutureStep = deal.NextStep is { } next && next.Date >= today;
        var snoozed = deal.SnoozedUntil is { } until && until > today;
        return deal.IsOpen && !hasFutureStep && !snoozed && DaysOverLimit(deal, tenant, today) > 0;
    }
}
