using SalesBot.DevChat;
using SalesBot.Feed;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Feed;

/// <summary>The deals feed in the local chat: what a manager sets, what the channel then sees, and what it never sees.</summary>
public sealed class FeedTests
{
    private static readonly Dictionary<string, string?> EveryoneSeesAll = new() { ["Tenants:Defaults:PipelineVisibility"] = "Team" };

    private static async Task IdleAsync(SalesBotApp app) => await app.Service<FeedDelivery>().WhenIdleAsync();

    [Fact]
    public async Task A_won_lost_big_new_deal_and_a_move_into_a_chosen_stage_are_each_posted_once_with_the_card_and_an_open_button()
    {
        await using var app = await SalesBotApp.StartAsync(EveryoneSeesAll);
        var team = new Team(app);
        (await team.Maria("config feed #sales-wins won lost new>=500k stage:Present offer"))
            .ShouldSucceed("#sales-wins", "won deals", "lost deals with the reason", "new deals from DKK 500,000", "moves into Present offer", "once each");

        var small = (await team.Ann("deal new \"Small fry\" 20k")).DealId();
        var big = (await team.Ann("deal new \"Acme <!channel> renewal\" 750k")).DealId();
        await team.Ann($"deal advance {big} to present offer");
        await team.Ann($"deal log {big} call \"pricing ok\"");
        await team.Ann($"deal won {big} signed today");
        await team.Ann($"deal lost {small} budget cut");
        await IdleAsync(app);

        var posts = app.Service<DevChannels>().For(team.Tenant);
        Assert.All(posts, p => Assert.Equal("sales-wins", p.Channel));
        Assert.Equal(["New deal: Acme <!channel> renewal", "Acme <!channel> renewal moved on", "Won: Acme <!channel> renewal", "Lost: Small fry"],
            posts.Select(p => p.Reply.Header));
        var won = posts[2].Reply;
        won.ShouldSay("Ann won Acme <!channel> renewal (DKK 750,000).", "Note: signed today");
        Assert.Equal($"deal show {big}", Assert.Single(won.Buttons).Command);
        posts[3].Reply.ShouldSay("Reason: budget cut");

        // The button opens the deal for whoever clicks, within their own rights.
        (await team.Click("u-bob", won.Buttons[0])).ShouldSucceed("Acme <!channel> renewal");
    }

    [Fact]
    public async Task Where_reps_see_only_their_own_deals_a_feed_needs_a_channel_marked_for_managers()
    {
        await using var app = await SalesBotApp.StartAsync();
        var team = new Team(app);
        (await team.Maria("config feed #sales won")).ShouldFail("see only their own deals", "managers");
        (await team.Maria("config feed #leads won managers")).ShouldSucceed("#leads", "won deals", "(a channel for managers)");
        var id = (await team.Ann("deal new Hidden 10k")).DealId();
        await team.Ann($"deal won {id}");
        await IdleAsync(app);
        Assert.Equal("leads", Assert.Single(app.Service<DevChannels>().For(team.Tenant)).Channel);
    }

    [Fact]
    public async Task Only_managers_set_a_feed_anyone_lists_them_and_a_stopped_feed_posts_nothing()
    {
        await using var app = await SalesBotApp.StartAsync(EveryoneSeesAll);
        var team = new Team(app);
        (await team.Ann("config feed #sales won")).ShouldFail("Only managers");
        (await team.Maria("config feed here won")).ShouldFail("goes to a team channel");
        (await team.Maria("config feed #sales won")).ShouldSucceed();
        (await team.Bob("config feed")).ShouldSucceed("#sales: won deals");
        (await team.Maria("config feed off #sales")).ShouldSucceed("stopped");
        (await team.Maria("config feed off #sales")).ShouldFail("no deals feed in #sales");
        var id = (await team.Ann("deal new Quiet 10k")).DealId();
        await team.Ann($"deal won {id}");
        await IdleAsync(app);
        Assert.Empty(app.Service<DevChannels>().For(team.Tenant));
        (await team.Maria("config feed #sales")).ShouldFail("config feed here|#channel");
        (await team.Maria("config feed #sales stage:nowhere")).ShouldFail("nowhere");
    }

    [Fact]
    public async Task An_import_with_history_posts_nothing()
    {
        await using var app = await SalesBotApp.StartAsync(EveryoneSeesAll);
        var team = new Team(app);
        (await team.Maria("config feed #sales won lost new")).ShouldSucceed();
        foreach (var (id, name) in new[] { ("u-ann", "Ann Berg"), ("u-bob", "Bob Dahl"), ("u-carla", "Carla Holm"), ("u-david", "David Lund") })
        {
            await app.SayAsync("deal help", id, name, team.Tenant);
        }

        using var file = new StreamReader(Path.Combine(SharedFiles.Repository, "tests/SalesBot.Tests/Import/Samples/pipedrive-deals.csv"));
        var result = await app.Service<SalesBot.Import.DealImporter>().ImportAsync(team.Tenant, file, null, false, TextWriter.Null, CancellationToken.None);
        Assert.Equal(220, result.Imported);
        await IdleAsync(app);
        Assert.Empty(app.Service<DevChannels>().For(team.Tenant));
    }

    [Fact]
    public async Task Three_instances_on_one_storage_post_a_deal_won_once()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..16];
        await using var first = await SalesBotApp.StartAsync(EveryoneSeesAll, tablePrefix: prefix);
        await using var second = await SalesBotApp.StartAsync(EveryoneSeesAll, tablePrefix: prefix);
        await using var third = await SalesBotApp.StartAsync(EveryoneSeesAll, tablePrefix: prefix);
        var apps = new[] { first, second, third };
        var tenant = AppFixture.NewTenant();
        (await first.SayAsync("config feed #sales won", "u-maria", "Maria", tenant)).ShouldSucceed();
        var id = (await first.SayAsync("deal new Contested 80k", "u-ann", "Ann", tenant)).DealId();

        // The owner and the manager mark it won on three instances at once; then every instance sweeps the outbox, at once
        // and again after any claim would have run out.
        await Task.WhenAll(
            first.SayAsync($"deal won {id}", "u-ann", "Ann", tenant),
            second.SayAsync($"deal won {id}", "u-maria", "Maria", tenant),
            third.SayAsync($"deal won {id}", "u-ann", "Ann", tenant));
        await Task.WhenAll(apps.Select(a => a.Service<FeedDelivery>().SweepAsync(CancellationToken.None)));
        await Task.WhenAll(apps.Select(IdleAsync));
        foreach (var app in apps)
        {
            app.Clock.Advance(FeedDelivery.ClaimWindow * 2);
        }

        await Task.WhenAll(apps.Select(a => a.Service<FeedDelivery>().SweepAsync(CancellationToken.None)));
        var posts = apps.SelectMany(a => a.Service<DevChannels>().For(tenant)).ToArray();
        Assert.Equal("Won: Contested", Assert.Single(posts).Reply.Header);
    }
}
