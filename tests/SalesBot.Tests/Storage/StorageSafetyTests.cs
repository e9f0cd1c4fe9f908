using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Storage;

/// <summary>Isolation, hostile names, redelivery and races, against Azurite.</summary>
public class StorageSafetyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly SalesBotApp _app = fixture.App;

    [Fact]
    public async Task Tenants_never_see_each_others_deals()
    {
        var (t1, t2) = (AppFixture.NewTenant(), AppFixture.NewTenant());
        var id = (await _app.SayAsync("deal new Secret Merger 900k", tenant: t1)).DealId();

        (await _app.SayAsync("deal show Secret Merger", tenant: t2)).ShouldFail("I couldn't find a deal called “Secret Merger”");
        (await _app.SayAsync("deal show " + id, tenant: t2)).ShouldFail("I couldn't find");
        (await _app.SayAsync("deal list", tenant: t2)).ShouldSucceed("Your open deals: none right now");
        (await _app.SayAsync("deal new Secret Merger 1k", tenant: t2)).ShouldSucceed("Created Secret Merger");
        (await _app.SayAsync("deal show Secret", tenant: t1)).ShouldSucceed("DKK 900,000");
    }

    [Theory]
    [InlineData("Acme' or PartitionKey ne '")]
    [InlineData("x' or RowKey gt '")]
    [InlineData("Tab/le\\Name#1?")]
    [InlineData("A|B deal|D-2222")]
    [InlineData("Ærø Ølbryggeri")]
    public async Task Hostile_names_are_plain_names_and_cannot_reach_another_tenant(string name)
    {
        var (mine, other) = (AppFixture.NewTenant(), AppFixture.NewTenant());
        await _app.SayAsync("deal new Other Tenant Deal 5k", tenant: other);

        var id = (await _app.SayAsync($"deal new \"{name}\" 10k", tenant: mine)).ShouldSucceed("Created " + name).DealId();
        (await _app.SayAsync($"deal show \"{name}\"", tenant: mine)).ShouldSucceed(name + " · " + id);
        (await _app.SayAsync($"deal advance \"{name}\"", tenant: mine)).ShouldSucceed("Moved " + name);

        (await _app.SayAsync($"deal show \"{name}\"", tenant: other)).ShouldFail("I couldn't find");
        var mineList = await _app.SayAsync("deal list", tenant: mine);
        Assert.Single(mineList.Items);
        Assert.DoesNotContain("Other Tenant Deal", mineList.Text);
    }

    [Fact]
    public async Task A_redelivered_message_is_applied_once()
    {
        var tenant = AppFixture.NewTenant();
        var created = await _app.SayAsync("deal new Wonka 10k", tenant: tenant, id: "evt-1");
        var again = await _app.SayAsync("deal new Wonka 10k", tenant: tenant, id: "evt-1");
        var id = created.DealId();
        again.ShouldSucceed("Already done: Wonka is in Prospecting");

        await _app.SayAsync("deal advance Wonka", tenant: tenant, id: "evt-2");
        (await _app.SayAsync("deal advance Wonka", tenant: tenant, id: "evt-2")).ShouldSucceed("Already done: Wonka is in Contact");

        var deals = await _app.Service<IDealStore>().ListAsync(tenant, new DealQuery(), CancellationToken.None);
        Assert.Equal(id, Assert.Single(deals).Id);
        Assert.Equal("contact", deals[0].Stage);
        Assert.Equal(2, deals[0].Version);
    }

    [Fact]
    public async Task A_write_retried_after_it_succeeded_is_recognised_not_applied_twice()
    {
        var tenant = AppFixture.NewTenant();
        var store = _app.Service<IDealStore>();
        var id = (await _app.SayAsync("deal new Stark 10k", tenant: tenant)).DealId();
        var before = (await store.GetAsync(tenant, id, mayUseCache: false, CancellationToken.None))!;
        var ann = new UserRef("u-ann", "Ann");
        var change = (DealChange)DealRules.Log(before.Deal, InteractionKind.Call, "first", ann, SalesBotApp.Start);

        var first = await store.UpdateAsync(tenant, before, change, "op-42", CancellationToken.None);
        // The same request again with the ETag it read first: what an SDK retry after a lost response does.
        var retry = await store.UpdateAsync(tenant, before, change, "op-42", CancellationToken.None);

        Assert.False(Assert.IsType<WriteOutcome.Applied>(first).Replayed);
        // The retry is this very write, whose answer was lost: it counts as written (so the person is told it was done and
        // listeners hear of it), and it was not applied twice.
        Assert.False(Assert.IsType<WriteOutcome.Applied>(retry).Replayed);
        Assert.Equal(2, (await store.HistoryAsync(tenant, id, 10, CancellationToken.None)).Count);

        var other = (DealChange)DealRules.Log(before.Deal, InteractionKind.Email, "stale", ann, SalesBotApp.Start);
        Assert.IsType<WriteOutcome.Conflict>(await store.UpdateAsync(tenant, before, other, "op-43", CancellationToken.None));

        // A later delivery of op-42, decided on the deal as it is after another change, finds op-42 applied already.
        var now = (await store.GetAsync(tenant, id, mayUseCache: false, CancellationToken.None))!;
        var later = (DealChange)DealRules.Log(now.Deal, InteractionKind.Email, "later", ann, SalesBotApp.Start);
        Assert.IsType<WriteOutcome.Applied>(await store.UpdateAsync(tenant, now, later, "op-44", CancellationToken.None));
        var fresh = (await store.GetAsync(tenant, id, mayUseCache: false, CancellationToken.None))!;
        var again = (DealChange)DealRules.Log(fresh.Deal, InteractionKind.Call, "first", ann, SalesBotApp.Start);
        Assert.True(Assert.IsType<WriteOutcome.Applied>(await store.UpdateAsync(tenant, fresh, again, "op-42", CancellationToken.None)).Replayed);
        Assert.Equal(3, (await store.HistoryAsync(tenant, id, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_table_prefix_keeps_installations_apart()
    {
        var connection = await Azurite.ConnectionStringAsync();
        var tables = new TableServiceClient(connection);
        var names = new List<string>();
        await foreach (var t in tables.QueryAsync(TableClient.CreateQueryFilter($"TableName ge {_app.TablePrefix} and TableName lt {_app.TablePrefix + "~"}")))
        {
            names.Add(t.Name);
        }

        Assert.Equal(new[] { "Briefs", "Deals", "FeedOutbox", "Forecasts", "Inbox", "Meta", "ReminderDue", "SlackInstallations", "TeamSettings", "TeamsConversations", "Users" }.Select(n => _app.TablePrefix + n).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Of_two_people_naming_a_teams_first_manager_at_once_exactly_one_wins()
    {
        var store = _app.Service<SalesBot.Tenants.ITeamSettingsStore>();
        var tenant = AppFixture.NewTenant();
        var now = _app.Clock.GetUtcNow();

        var results = await Task.WhenAll(new[] { "u-zoe", "u-yan", "u-ida", "u-ole" }.Select(id =>
            store.TryNameFirstManagerAsync(tenant, new SalesBot.Deals.UserRef(id, id), new SalesBot.Tenants.SettingsChange(now, new SalesBot.Deals.UserRef(id, id), id + " first"), CancellationToken.None)));

        Assert.Single(results, won => won);
        Assert.Single(await store.ListAsync(tenant, CancellationToken.None), s => s.Kind == "manager");
    }
}

public class ConcurrencyTests
{
    [Fact]
    public async Task Twenty_people_advancing_one_deal_at_once_move_it_once_per_stage_they_saw()
    {
        // A long process, so that however the 20 requests interleave none can reach the last stage.
        const string tenant = "long-process";
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < 25; i++)
        {
            var key = $"Tenants:{tenant}:SalesProcess:Stages:{i}:";
            settings[key + "Name"] = $"Step {i + 1:D2}";
            settings[key + "Probability"] = (i * 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[key + "StallDays:Smb"] = settings[key + "StallDays:MidMarket"] = settings[key + "StallDays:Enterprise"] = "5";
        }

        await using var app = await SalesBotApp.StartAsync(settings);
        var id = (await app.SayAsync("deal new Tyrell 10k", user: "u-maria", userName: "Maria", tenant: tenant)).DealId();
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            app.SayAsync("deal advance Tyrell", user: "u-maria", userName: "Maria", tenant: tenant)));

        var moved = replies.Where(r => !r.IsError).ToArray();
        var refused = replies.Where(r => r.IsError).ToArray();
        var all = string.Join("\n", replies.Select(r => r.Text));
        Assert.True(refused.All(r => r.Text.Contains("was just moved to", StringComparison.Ordinal)), all);
        Assert.True(moved.All(r => r.Text.StartsWith("Moved Tyrell from", StringComparison.Ordinal)), all);
        Assert.Equal(moved.Length, moved.Select(r => r.Text).Distinct().Count());
        Assert.InRange(moved.Length, 1, 20);

        var store = app.Service<IDealStore>();
        var history = (await store.HistoryAsync(tenant, id, 100, CancellationToken.None)).Reverse().ToArray();
        var moves = history.Where(e => e.Kind == DealEventKind.StageMoved).ToArray();
        Assert.Equal(moved.Length, moves.Length);
        var process = SalesBot.Tenants.TenantSettingsProvider.ToProcess(Enumerable.Range(1, 25).Select(i => new SalesBot.Tenants.StageOptions { Name = $"Step {i:D2}" }));
        for (var i = 0; i < moves.Length; i++)
        {
            Assert.Equal(process.Stages[i].Key, moves[i].From);
            Assert.Equal(process.Stages[i + 1].Key, moves[i].To);
        }

        var deal = (await store.GetAsync(tenant, id, mayUseCache: false, CancellationToken.None))!.Deal;
        Assert.Equal(process.Stages[moves.Length].Key, deal.Stage);
        Assert.Equal(Enumerable.Range(1, history.Length), history.Select(e => e.Version));
    }
}

public class StorageDownTests
{
    [Fact]
    public async Task With_storage_down_the_user_is_told_nothing_changed_within_three_seconds()
    {
        await using var app = SalesBotApp.WithStorageDown();
        var clock = Stopwatch.StartNew();

        var reply = await app.SayAsync("deal new Acme 50k");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        reply.ShouldFail("Storage is unavailable right now, so nothing was changed");
        using var client = app.CreateClient();
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var live = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Help_still_answers_without_storage()
    {
        await using var app = SalesBotApp.WithStorageDown();

        (await app.SayAsync("deal help advance")).ShouldSay("deal advance <deal> [to <stage>]");
    }
}
