using System.Globalization;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Messaging;

/// <summary>The words every feature uses for a deal's parts: amount, date, stage, segment, how long ago.</summary>
internal sealed class DealText(Phrases t)
{
    public Phrases Text => t;

    public string Money(Money? amount) => amount?.ToString() ?? t["NoAmount"];

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public string Stage(Deal deal, SalesProcess process) => deal.Status switch
    {
        DealStatus.Won => t["StatusWon"],
        DealStatus.Lost => t["StatusLost"],
        _ => t["StageWithProbability", process.Get(deal.Stage).Name, process.Get(deal.Stage).Probability],
    };

    public string Segment(Segment segment) => t["Segment_" + segment];

    public string Ago(DateTimeOffset at, TenantSettings tenant, DateOnly today)
    {
        var days = today.DayNumber - tenant.Today(at).DayNumber;
        return days switch
        {
            <= 0 => t["AgoToday"],
            1 => t["AgoYesterday"],
            _ => t["AgoDays", days],
        };
    }
}
