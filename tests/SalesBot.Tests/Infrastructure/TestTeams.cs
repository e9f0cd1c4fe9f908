using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Tests.Infrastructure;

/// <summary>Team settings for pure tests: Copenhagen, DKK, calendar fiscal year, the default process, no holidays.</summary>
internal static class TestTeams
{
    public static readonly TenantSettings Copenhagen = new(
        "t", TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"), "DKK", 1, "en", false, Segment.MidMarket,
        new HashSet<string>(), [], SalesProcess.Default, new Dictionary<string, decimal>());
}
