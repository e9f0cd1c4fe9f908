using System.Diagnostics;
using System.Net;
using SalesBot.Deals;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>Storage goes away in the middle of a session (the link to it is cut) and comes back.</summary>
public class StorageOutageTests
{
    [Fact]
    public async Task When_storage_stops_every_request_is_answered_in_time_and_the_bot_recovers_without_losing_acknowledged_work()
    {
        var port = Azurite.ClosedPort();
        var storage = await Azurite.StartOwnAsync(port, Directory.CreateTempSubdirectory("salesbot-outage").FullName);
        await using var link = new CuttableLink(port);
        try
        {
            await using var app = await SalesBotApp.StartAsync(new() { ["Storage:ConnectionString"] = Azurite.ConnectionString(link.Port) });
            using var http = app.CreateClient();
            var tenant = AppFixture.NewTenant();
            var acknowledged = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                acknowledged.Add((await app.SayAsync($"deal new \"Before outage {i}\" 10k", tenant: tenant)).DealId());
            }

            link.Cut();
            foreach (var text in new[] { "deal new \"During outage\" 10k", "deal advance \"Before outage 1\"", "deal show \"Before outage 2\"", "pipeline", "deal list" })
            {
                var clock = Stopwatch.StartNew();
                var reply = await app.SayAsync(text, tenant: tenant);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"\"{text}\" answered in {clock.Elapsed}");
                reply.ShouldFail("Storage is unavailable right now, so nothing was changed");
            }

            // Someone SalesBot has not met yet: their language cannot be looked up either, and the answer is as quick.
            var stranger = Stopwatch.StartNew();
            var strangerReply = await app.SayAsync("deal new \"Stranger's deal\" 5k", "u-zoe", "Zoe", tenant);
            Assert.True(stranger.Elapsed < TimeSpan.FromSeconds(3), $"a first message answered in {stranger.Elapsed}");
            strangerReply.ShouldFail("Storage is unavailable right now, so nothing was changed");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
            (await app.SayAsync("deal help", tenant: tenant)).ShouldSay("SalesBot deal commands");

            link.Restore();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
            acknowledged.Add((await app.SayAsync("deal new \"After outage\" 10k", tenant: tenant)).DealId());
            (await app.SayAsync("deal advance \"Before outage 1\"", tenant: tenant)).ShouldSucceed("Moved Before outage 1 from Prospecting to Contact");

            var deals = await app.Service<IDealStore>().ListAsync(tenant, new DealQuery(), CancellationToken.None);
            Assert.Equal(acknowledged.Order(), deals.Select(d => d.Id).Order());
            Assert.DoesNotContain(deals, d => d.Name.StartsWith("During", StringComparison.Ordinal));
        }
        finally
        {
            storage.Kill(entireProcessTree: true);
        }
    }
}
