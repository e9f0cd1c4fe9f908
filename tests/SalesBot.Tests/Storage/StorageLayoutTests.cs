using Azure.Data.Tables;
using SalesBot.Storage;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Storage;

/// <summary>The tables record the layout that wrote them; an older SalesBot does not run on a newer layout.</summary>
public class StorageLayoutTests
{
    [Fact]
    public async Task Fresh_tables_record_this_versions_layout()
    {
        await using var app = await SalesBotApp.StartAsync();
        await app.SayAsync("deal help");

        var meta = new TableServiceClient(await Azurite.ConnectionStringAsync()).GetTableClient(app.TablePrefix + TableStorage.MetaTable);
        Assert.Equal(TableStorage.Layout, (await meta.GetEntityAsync<TableEntity>("layout", "current")).Value.GetInt32("Version"));
    }

    [Fact]
    public async Task Tables_written_by_a_newer_layout_are_refused_before_anything_is_read_or_written()
    {
        var prefix = "lay" + Guid.NewGuid().ToString("N")[..8];
        var service = new TableServiceClient(await Azurite.ConnectionStringAsync());
        var meta = service.GetTableClient(prefix + TableStorage.MetaTable);
        await meta.CreateIfNotExistsAsync();
        await meta.UpsertEntityAsync(new TableEntity("layout", "current") { ["Version"] = TableStorage.Layout + 1 });

        // What StorageStartup runs when the app starts (and rethrows, stopping it).
        using var storage = new TableStorage(
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { ConnectionString = await Azurite.ConnectionStringAsync(), TablePrefix = prefix }),
            [], [], Microsoft.Extensions.Logging.Abstractions.NullLogger<TableStorage>.Instance);
        var failure = await Assert.ThrowsAsync<StorageLayoutException>(() => storage.EnsureCreatedAsync(CancellationToken.None));

        Assert.Contains($"storage layout {TableStorage.Layout + 1}, while this version knows layout {TableStorage.Layout}", failure.Message);
    }
}
