using SalesBot.Deals;
using SalesBot.Deals.Verbs;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Deals;

/// <summary>When a name matches several deals, the buttons offered tell the deals apart on every channel.</summary>
public class DealChoiceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Shared = "Nordisk Vindkraft Holding Datterselskab Region Midtjylland og Nordjylland Afdeling ";

    [Fact]
    public async Task Deals_whose_names_share_their_first_80_characters_get_buttons_that_differ_within_40()
    {
        var team = new Team(fixture.App);
        await team.Ann($"deal new \"{Shared}Aarhus\" 10k");
        await team.Ann($"deal new \"{Shared}Aalborg\" 10k");

        var choice = (await team.Ann("deal show Nordisk")).ShouldFail(Shared + "Aarhus");

        Assert.Equal(2, choice.Buttons.Count);
        Assert.All(choice.Buttons, b => Assert.True(b.Label.Length <= DealReplies.ChoiceLabelMax, b.Label));
        Assert.Equal(2, choice.Buttons.Select(b => b.Label).Distinct().Count());
        Assert.Contains(choice.Buttons, b => b.Label.Contains("Aarhus", StringComparison.Ordinal));
        Assert.Contains(choice.Buttons, b => b.Label.Contains("Aalborg", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Acme", "Acme Robotics", "D-AAAA · Acme")]
    [InlineData("Globex Nordic ApS with a rather long legal name indeed", "Globex Nordic", "D-AAAA · Globex Nordic ApS with a rathe…")]
    public void A_short_or_early_differing_name_is_shown_from_its_start(string name, string other, string label) =>
        Assert.Equal(label, DealReplies.ChoiceLabel(new DealName("D-AAAA", name), [new DealName("D-AAAA", name), new DealName("D-BBBB", other)]));
}
