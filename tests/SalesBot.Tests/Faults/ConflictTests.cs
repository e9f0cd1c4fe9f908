using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Storage;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>Many people changing the same few deals at once; run alone, so the load is the test's own.</summary>
[Collection(Alone.Name)]
public class ConflictTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_hundred_conflicting_commands_on_five_deals_from_ten_users_lose_no_update()
    {
        var app = fixture.App;
        var tenant = AppFixture.NewTenant();
        var ids = new List<string>();
        for (var d = 0; d < 5; d++)
        {
            ids.Add((await app.SayAsync($"deal new \"Contested {d}\" 10k", "u-maria", "Maria", tenant)).DealId());
        }

        // Ten people (all managers here, so all may change every deal) fire 100 commands at once: logs and amount changes,
        // which must all land, and advances, which must land once per stage seen.
        var managers = Enumerable.Range(0, 10).Select(u => $"u-mgr{u}").ToArray();
        await using var team = await SalesBotApp.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = app.TablePrefix,
            ["Tenants:Defaults:Managers:0"] = "u-maria",
        }.Concat(managers.Select((m, i) => new KeyValuePair<string, string?>($"Tenants:Defaults:Managers:{i + 1}", m))).ToDictionary(kv => kv.Key, kv => kv.Value),
            tablePrefix: app.TablePrefix);
        var commands = Enumerable.Range(0, 100).Select(i => (User: managers[i % 10], Deal: ids[i % 5], Kind: i % 4)).ToArray();
        var replies = await Task.WhenAll(commands.Select(c => team.SayAsync(c.Kind switch
        {
            0 => $"deal advance {c.Deal}",
            1 => $"deal log {c.Deal} call note from {c.User}",
            2 => $"deal log {c.Deal} email",
            _ => $"deal set {c.Deal} amount {10 + c.User.Length}k",
        }, c.User, c.User, tenant)));

        Assert.All(replies, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
        // The only refusals: an advance on a stage someone else just left, or past the last stage.
        Assert.All(replies.Where(r => r.IsError), r => Assert.Matches("was just moved to|the last stage", r.Text));
        var store = team.Service<IDealStore>();
        foreach (var id in ids)
        {
            var deal = (await store.GetAsync(tenant, id, mayUseCache: false, CancellationToken.None))!.Deal;
            var history = (await store.HistoryAsync(tenant, id, 1000, CancellationToken.None)).Reverse().ToArray();
            Assert.Equal(Enumerable.Range(1, deal.Version), history.Select(e => e.Version));
            Assert.Equal(10, history.Count(e => e.Kind == DealEventKind.Interaction));
            Assert.Equal(5, history.Count(e => e.Kind == DealEventKind.FieldChanged));
            var moves = history.Where(e => e.Kind == DealEventKind.StageMoved).ToArray();
            Assert.InRange(moves.Length, 1, 4);
            for (var m = 1; m < moves.Length; m++)
            {
                Assert.Equal(moves[m - 1].To, moves[m].From);
            }

            Assert.Equal(moves[^1].To, deal.Stage);
        }

        var moved = replies.Count(r => r.Text.StartsWith("Moved", StringComparison.Ordinal));
        var refused = replies.Count(r => r.IsError);
        Assert.Equal(25, moved + refused);
    }

    [Fact]
    public async Task Commands_queued_on_one_deal_in_one_instance_write_once_each_without_a_failed_write()
    {
        var requests = new StorageRequests();
        await using var app = await SalesBotApp.StartAsync(services: s => s.AddSingleton<HttpPipelinePolicy>(requests));
        var tenant = AppFixture.NewTenant();
        var id = (await app.SayAsync("deal new \"Busy Deal\" 10k", "u-maria", "Maria", tenant)).DealId();
        await app.SayAsync($"deal show {id}", "u-maria", "Maria", tenant);

        requests.Clear();
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => app.SayAsync($"deal log {id} call round {i}", "u-maria", "Maria", tenant)));

        Assert.All(replies, r => Assert.StartsWith("Logged a call on Busy Deal", r.Text));
        // Each waited its turn and started from the version the one before it wrote: twenty transactions, none refused.
        Assert.Equal(20, requests.Seen.Count(r => r.EndsWith("$batch", StringComparison.Ordinal)));
        var history = await app.Service<IDealStore>().HistoryAsync(tenant, id, 100, CancellationToken.None);
        Assert.Equal(20, history.Count(e => e.Kind == DealEventKind.Interaction));
    }

    [Fact]
    public async Task Logs_on_many_deals_of_a_team_at_once_share_transactions_and_one_deal_changed_elsewhere_costs_only_itself_a_retry()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var held = new HeldTransaction(marker: "held on its way", table: prefix + TableStorage.DealsTable);
        // A deadline a slow machine cannot reach while the test holds storage.
        await using var app = await SalesBotApp.StartAsync(new Dictionary<string, string?> { ["Storage:OperationTimeout"] = "00:00:30" },
            services: s => s.AddSingleton<HttpPipelinePolicy>(held), tablePrefix: prefix);
        var tenant = AppFixture.NewTenant();
        var reps = Enumerable.Range(0, 8).Select(r => $"u-rep{r}").ToArray();
        var ids = new List<string>();
        foreach (var rep in reps)
        {
            ids.Add((await app.SayAsync($"deal new \"Shared {rep}\" 10k", rep, rep, tenant)).DealId());
        }

        // Another instance changes one deal, so this instance's copy of it is out of date.
        await using var other = await SalesBotApp.StartAsync(tablePrefix: app.TablePrefix);
        await other.SayAsync($"deal set {ids[3]} amount 20k", reps[3], reps[3], tenant);

        // One log is held on its way to storage; the other seven arrive meanwhile and wait for the next transaction.
        var sevenWaiting = await ArmAsync(app, held, waiting: 7);
        var first = app.SayAsync($"deal log {ids[0]} call held on its way", reps[0], reps[0], tenant);
        await held.Started;
        var rest = Enumerable.Range(1, 7).Select(i => app.SayAsync($"deal log {ids[i]} call from {reps[i]}", reps[i], reps[i], tenant)).ToArray();
        await sevenWaiting;
        held.Release();
        var replies = await Task.WhenAll(rest.Prepend(first));

        Assert.All(replies.Select((r, i) => (r, i)), x => Assert.StartsWith($"Logged a call on Shared {reps[x.i]}", x.r.Text));
        var store = app.Service<IDealStore>();
        for (var i = 0; i < ids.Count; i++)
        {
            var history = await store.HistoryAsync(tenant, ids[i], 100, CancellationToken.None);
            Assert.Single(history, e => e.Kind == DealEventKind.Interaction);
        }

        // The held one; the seven together, refused for the one stale deal; then each alone again, the stale one twice
        // (refused, then written on the version it read): 1 + 1 + 7 + 1 transactions instead of 8 + 1.
        Assert.Equal(10, held.Batches);
        Assert.Equal(20_000m, (await store.GetAsync(tenant, ids[3], mayUseCache: false, CancellationToken.None))!.Deal.Amount?.Amount);
    }

    [Fact]
    public async Task A_shared_transaction_whose_answer_is_lost_counts_once_for_every_change_in_it()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var held = new HeldTransaction(marker: "held on its way", table: prefix + TableStorage.DealsTable);
        var lose = new LoseFirstAnswer("answer lost");
        await using var app = await SalesBotApp.StartAsync(new Dictionary<string, string?> { ["Storage:OperationTimeout"] = "00:00:30" },
            services: s => s.AddSingleton<HttpPipelinePolicy>(held).AddSingleton<HttpPipelinePolicy>(lose), tablePrefix: prefix);
        var tenant = AppFixture.NewTenant();
        var ids = new List<string>();
        for (var d = 0; d < 4; d++)
        {
            ids.Add((await app.SayAsync($"deal new \"Lost Answer {d}\" 10k", "u-maria", "Maria", tenant)).DealId());
        }

        var threeWaiting = await ArmAsync(app, held, waiting: 3);
        var first = app.SayAsync($"deal log {ids[0]} call held on its way", "u-maria", "Maria", tenant);
        await held.Started;
        var rest = ids.Skip(1).Select(id => app.SayAsync($"deal log {id} call answer lost", "u-maria", "Maria", tenant)).ToArray();
        await threeWaiting;
        held.Release();
        var replies = await Task.WhenAll(rest.Prepend(first));

        // The three were written together, their answer never came; each then learned alone that it had been applied.
        Assert.Equal(1, lose.Lost);
        Assert.All(replies.Select((r, i) => (r, i)), x => Assert.StartsWith($"Logged a call on Lost Answer {x.i}", x.r.Text));
        var store = app.Service<IDealStore>();
        foreach (var id in ids)
        {
            var deal = (await store.GetAsync(tenant, id, mayUseCache: false, CancellationToken.None))!.Deal;
            var history = await store.HistoryAsync(tenant, id, 100, CancellationToken.None);
            Assert.Single(history, e => e.Kind == DealEventKind.Interaction);
            Assert.Equal(2, deal.Version);
        }
    }

    /// <summary>
    /// Once the app's background work is done, holds its next transaction (as <paramref name="held"/> picks it); the task
    /// returned completes when <paramref name="waiting"/> changes of a team wait for the next transaction.
    /// </summary>
    private static async Task<Task> ArmAsync(SalesBotApp app, HeldTransaction held, int waiting)
    {
        await app.Service<TeamUpkeep>().IdleAsync();
        held.Arm();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Service<SharedTransactions>().Queued += n =>
        {
            if (n == waiting)
            {
                reached.TrySetResult();
            }
        };
        return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Lets the first transaction holding <paramref name="marker"/> through, then loses its answer.</summary>
    private sealed class LoseFirstAnswer(string marker) : HttpPipelinePolicy
    {
        private int _lost;

        public int Lost => Volatile.Read(ref _lost);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store only calls storage asynchronously.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var marked = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && RequestBodies.Contains(message.Request, marker);
            await ProcessNextAsync(message, pipeline);
            if (marked && Interlocked.Exchange(ref _lost, 1) == 0)
            {
                throw new IOException("The answer was lost on its way back.");
            }
        }
    }
}
