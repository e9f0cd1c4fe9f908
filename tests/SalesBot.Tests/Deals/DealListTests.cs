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
}
