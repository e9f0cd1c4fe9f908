using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Deals;

/// <summary>Lists; this class moves its app's clock forward, so it has an app of its own.</summary>
public class DealListTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly SalesBotApp _app = fixture.App;
    private readonly Team _team = new(fixture.App);

    [Fact]
    public async Task Lists_show_open_deals_by_owner_stage_and_stall()
    {
        await _team.Ann("deal new Alpha 10k smb close 2026-12-20");
        await _team.Ann("deal new Beta 20k smb");
        await _team.Ann("deal advance Beta");
        await _team.Bob("deal new Gamma 5k");

        var mine = (await _team.Ann("deal list")).ShouldSucceed("Your open deals (2)");
        Assert.StartsWith("Alpha", mine.Items[0]);
        (await _team.Ann("deal list contact")).ShouldSucceed("Open deals in Contact (1)", "Beta");
        (await _team.Maria("deal list @bob")).ShouldSucceed("Bob's open deals (1)", "Gamma");
        (await _team.Ann("deal list stalled")).ShouldSucceed("Stalled deals: none right now");

        _app.Clock.Advance(TimeSpan.FromDays(21));
        var stalled = (await _team.Maria("deal list stalled")).ShouldSucceed("Stalled deals (3)", "business days over the limit");
        Assert.Equal(3, stalled.Items.Count);
    }

    [Fact]
    public async Task A_long_list_pages_with_a_show_more_button_and_a_typed_page()
    {
        var team = new Team(_app);
        await Task.WhenAll(Enumerable.Range(1, 42).Select(i => team.Ann($"deal new \"Page Co {i:D2}\" 10k")));

        var first = (await team.Maria("deal list all")).ShouldSucceed("All open deals (42)", "Showing 1–20 of 42.");
        Assert.Equal(20, first.Items.Count);
        var more = first.Buttons.Single(b => b.Label == "Show more (21–40)");
        Assert.Equal("deal list all page 2", more.Command);

        var second = await team.Maria(more.Command);
        Assert.Equal(20, second.Items.Count);
        Assert.Equal("Showing 21–40 of 42.", second.Footer);
        var third = await team.Maria("deal list all page 3");
        Assert.Equal(2, third.Items.Count);
        Assert.DoesNotContain(third.Buttons, b => b.Label.StartsWith("Show more", StringComparison.Ordinal));

        var everyone = first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Split(" (")[0]).ToArray();
        Assert.Equal(Enumerable.Range(1, 42).Select(i => $"Page Co {i:D2}"), everyone.Order(StringComparer.Ordinal));
    }
}
