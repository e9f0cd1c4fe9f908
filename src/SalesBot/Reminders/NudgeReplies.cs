using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Reminders;

/// <summary>The nudge a deal owner gets: which deal, which stage, how far over, the last interaction, and four buttons.</summary>
internal sealed class NudgeReplies(DealText deals)
{
    public Reply Nudge(Deal deal, TenantSettings tenant, DateOnly today, int daysOver)
    {
        var t = deals.Text;
        var stage = tenant.Process.Get(deal.Stage);
        var inStage = StallPolicy.DaysInStage(deal, tenant, today);
        var last = deal.LastInteraction is { } i
            ? t["NudgeLast", t["Kind_" + i.Kind], deals.Ago(i.At, tenant, today), i.Text ?? string.Empty].TrimEnd(' ', ':')
            : t["NudgeNoInteraction"];
        var lead = t["NudgeLead", deal.Name, stage.Name, inStage, daysOver, tenant.Process.StallLimit(deal.Stage, deal.Segment)];
        return new Reply($"{lead} {last}")
        {
            Header = t["NudgeHeader", deal.Name],
            Lead = lead,
            Fields =
            [
                new(t["FieldStage"], deals.Stage(deal, tenant.Process)),
                new(t["FieldAmount"], deals.Money(deal.Amount)),
                new(t["FieldLastInteraction"], last),
            ],
            Buttons =
            [
                new(t["ButtonAdvance", tenant.Process.Next(deal.Stage)?.Name ?? t["StatusWon"]],
                    tenant.Process.Next(deal.Stage) is null ? $"deal won {deal.Id}" : $"deal advance {deal.Id} from {deal.Stage}", ButtonStyle.Primary),
                new(t["ButtonLogCall"], $"deal log {deal.Id} call"),
                new(t["ButtonSnooze"], $"deal snooze {deal.Id} 3d"),
                new(t["ButtonMarkLost"], $"deal lost {deal.Id}: {t["LostFromNudge"]}", ButtonStyle.Danger),
            ],
        };
    }

    /// <summary>An open deal's expected close date has passed: set a new one, or close it.</summary>
    public Reply Slip(Deal deal, TenantSettings tenant)
    {
        var t = deals.Text;
        var lead = t["SlipLead", deal.Name, DealText.Date(deal.CloseDate!.Value), deals.Stage(deal, tenant.Process), deals.Money(deal.Amount)];
        return new Reply(lead)
        {
            Header = t["SlipHeader", deal.Name],
            Lead = lead,
            Footer = deal.CloseDateSlips > 0 ? t["SlipFooter", deal.CloseDateSlips] : null,
            Buttons =
            [
                new(t["ButtonSetNewDate"], $"deal set {deal.Id} close", ButtonStyle.Primary),
                new(t["ButtonInTwoWeeks"], $"deal set {deal.Id} close in 2 weeks"),
                new(t["ButtonMarkLost"], $"deal lost {deal.Id}: {t["LostFromSlip"]}", ButtonStyle.Danger),
            ],
        };
    }

    /// <summary>To the team's managers: a deal that slipped twice has passed its close date again.</summary>
    public Reply SlipToManager(Deal deal, TenantSettings tenant)
    {
        var t = deals.Text;
        var lead = t["SlipManagerLead", deal.Name, deal.Owner.Name, deal.CloseDateSlips, DealText.Date(deal.CloseDate!.Value), deals.Money(deal.Amount)];
        return new Reply(lead)
        {
            Header = t["SlipManagerHeader", deal.Name],
            Lead = lead,
            Buttons = [new(t["ButtonShow"], $"deal show {deal.Id}"), new(t["ButtonSlippedDeals"], "deal list slipped")],
        };
    }
}
