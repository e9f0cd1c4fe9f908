using Azure.Data.Tables;
using SalesBot.Messaging;
using SalesBot.Storage;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Storage;

/// <summary>The inbox remembers deliveries long enough for every redelivery, then forgets them, so it does not grow forever.</summary>
public class InboxTests
{
    [Fact]
    public async Task Deliveries_are_remembered_for_two_days_then_pruned()
    {
        await using var app = await SalesBotApp.StartAsync();
        var inbox = app.Service<Inbox>();
        for (var i = 0; i < 250; i++)
        {
            Assert.True(await inbox.TryClaimAsync(i % 2 == 0 ? "team-a" : "team-b", "teams", $"old-{i}", CancellationToken.None));
        }

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await inbox.TryClaimAsync("team-a", "slack", "recent", CancellationToken.None));
        Assert.False(await inbox.TryClaimAsync("team-a", "teams", "old-0", CancellationToken.None));

        app.Clock.Advance(TimeSpan.FromDays(1.5));
        await inbox.PruneAsync(CancellationToken.None);

        var left = await app.Service<TableStorage>().Table(TableStorage.InboxTable).QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(["slack|recent"], left.Select(r => r.RowKey));
        Assert.False(await inbox.TryClaimAsync("team-a", "slack", "recent", CancellationToken.None));
        Assert.Equal(0, await inbox.PruneAsync(CancellationToken.None));
    }
}
