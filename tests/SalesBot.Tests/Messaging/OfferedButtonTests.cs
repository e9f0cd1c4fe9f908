using SalesBot.Deals;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Messaging;

/// <summary>Buttons offered to one person in a shared conversation act only for that person.</summary>
public class OfferedButtonTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_manager_clicking_the_choice_offered_to_a_rep_changes_nothing_and_sees_the_command_to_type()
    {
        var team = new Team(fixture.App);
        await team.Ann("deal new Acme Robotics 10k");
        await team.Ann("deal new Acme Shipping 20k");

        var choice = (await team.Ann("deal lost acme chose a competitor")).ShouldFail("matches several deals");
        Assert.All(choice.Buttons, b => Assert.Equal("u-ann", b.OfferedTo));
        var robotics = choice.Buttons.Single(b => b.Label.Contains("Robotics", StringComparison.Ordinal));

        var refused = await team.Click("u-maria", robotics);

        Assert.True(refused.IsError);
        Assert.True(refused.KeepsClickedMessage);
        Assert.Equal($"This choice was offered to Ann, so nothing was changed. To do it yourself, type: {robotics.Command}", refused.Text);
        Assert.Equal(2, (await OpenDealsAsync(team)).Count);

        var done = await team.Click("u-ann", robotics);
        Assert.StartsWith("Marked Acme Robotics as lost", done.Text);
        Assert.Single(await OpenDealsAsync(team));
    }

    [Fact]
    public async Task A_typed_command_is_never_refused_whoever_types_it()
    {
        var team = new Team(fixture.App);
        await team.Ann("deal new Globex 10k");

        var reply = await team.Maria("deal show Globex");

        Assert.False(reply.IsError);
        Assert.All(reply.Buttons, b => Assert.Equal("u-maria", b.OfferedTo));
    }

    private Task<IReadOnlyList<Deal>> OpenDealsAsync(Team team) =>
        fixture.App.Service<IDealStore>().ListAsync(team.Tenant, new DealQuery(OpenOnly: true), CancellationToken.None);
}
