using Azure;
using Azure.Core;
using Azure.Data.Tables;
using SalesBot.Storage;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Storage;

/// <summary>Changes of one partition that arrive while a transaction is on its way share the next one, yet each keeps its own outcome.</summary>
public class SharedTransactionsTests
{
    [Fact]
    public async Task Changes_arriving_while_a_transaction_is_on_its_way_go_together_in_the_next_each_with_its_own_responses()
    {
        var (table, held, shared, first) = await FirstHeldAsync();

        var waiting = Enumerable.Range(0, 5).Select(i => shared.SubmitAsync(table, "team", [Insert($"w{i}a"), Insert($"w{i}b")], CancellationToken.None)).ToArray();
        held.Release();
        var answers = await Task.WhenAll(waiting);

        Assert.Single(await first);
        Assert.All(answers, a => Assert.Equal(2, a.Count));
        Assert.All(answers.SelectMany(a => a), r => Assert.Equal(204, r.Status));
        // The first alone, the five that waited together: two requests for six changes.
        Assert.Equal(2, held.Batches);
        Assert.Equal(11, await CountAsync(table));
    }

    [Fact]
    public async Task A_change_refused_in_a_shared_transaction_fails_alone_and_the_others_are_written()
    {
        var (table, held, shared, first) = await FirstHeldAsync(new TableEntity("team", "taken"));

        var before = shared.SubmitAsync(table, "team", [Insert("before")], CancellationToken.None);
        var refused = shared.SubmitAsync(table, "team", [Insert("mine"), Insert("taken")], CancellationToken.None);
        var after = shared.SubmitAsync(table, "team", [Insert("after")], CancellationToken.None);
        held.Release();
        await first;

        Assert.Single(await before);
        Assert.Single(await after);
        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => refused);
        Assert.Equal(409, e.Status);
        // The index is that of the change's own action, as if it had been sent alone.
        Assert.Equal(1, e.FailedTransactionActionIndex);
        Assert.Equal(["after", "before", "first", "taken"], (await RowKeysAsync(table)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_changes_to_one_row_never_share_a_transaction()
    {
        var (table, held, shared, first) = await FirstHeldAsync();

        var one = shared.SubmitAsync(table, "team", [Upsert("row", "one")], CancellationToken.None);
        var two = shared.SubmitAsync(table, "team", [Upsert("row", "two"), Insert("other")], CancellationToken.None);
        held.Release();
        await Task.WhenAll(first, one, two);

        Assert.Equal(3, held.Batches);
        Assert.Equal("two", (await table.GetEntityAsync<TableEntity>("team", "row")).Value.GetString("Value"));
    }

    [Fact]
    public async Task Other_partitions_do_not_wait_and_a_change_given_up_while_waiting_is_not_written()
    {
        var (table, held, shared, first) = await FirstHeldAsync();

        using var giveUp = new CancellationTokenSource();
        var abandoned = shared.SubmitAsync(table, "team", [Insert("abandoned")], giveUp.Token);
        Assert.Single(await shared.SubmitAsync(table, "other team", [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("other team", "x"))], CancellationToken.None));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        held.Release();
        await first;

        Assert.Equal(["first"], await RowKeysAsync(table, "team"));
    }

    private static TableTransactionAction Insert(string row) => new(TableTransactionActionType.Add, new TableEntity("team", row));

    private static TableTransactionAction Upsert(string row, string value) => new(TableTransactionActionType.UpsertReplace, new TableEntity("team", row) { ["Value"] = value });

    /// <summary>A fresh table (holding <paramref name="rows"/>) whose first transaction, one row of its own, is held on its way.</summary>
    private static async Task<(TableClient Table, HeldTransaction Held, SharedTransactions Shared, Task<IReadOnlyList<Response>> First)> FirstHeldAsync(
        params TableEntity[] rows)
    {
        var held = new HeldTransaction();
        var options = new TableClientOptions();
        options.AddPolicy(held, HttpPipelinePosition.PerCall);
        var table = new TableClient(await Azurite.ConnectionStringAsync(), "shared" + Guid.NewGuid().ToString("N")[..12], options);
        await table.CreateAsync();
        foreach (var row in rows)
        {
            await table.AddEntityAsync(row);
        }

        held.Arm();
        var shared = new SharedTransactions();
        var first = shared.SubmitAsync(table, "team", [Insert("first")], CancellationToken.None);
        await held.Started;
        return (table, held, shared, first);
    }

    private static async Task<int> CountAsync(TableClient table) => (await RowKeysAsync(table)).Count;

    private static async Task<List<string>> RowKeysAsync(TableClient table, string? partition = null)
    {
        var keys = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(partition is null ? null : $"PartitionKey eq '{partition}'"))
        {
            keys.Add(e.RowKey);
        }

        return keys;
    }
}
