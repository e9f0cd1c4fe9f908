using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Deals;

/// <summary><c>deal note</c>: a note on a deal, the same as <c>deal log &lt;deal&gt; note</c>.</summary>
public class DealNoteTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("deal note Acme Robotics CFO wants the contract in English")]
    [InlineData("deal note Acme Robotics: CFO wants the contract in English")]
    [InlineData("deal note \"Acme Robotics\" CFO wants the contract in English")]
    [InlineData("deal log Acme Robotics note CFO wants the contract in English")]
    public async Task A_note_is_logged_on_the_deal_with_its_text(string command)
    {
        var team = new Team(fixture.App);
        await team.Ann("deal new Acme Robotics 50k");
        await team.Ann("deal new Acme Shipping 20k");

        var reply = (await team.Ann(command)).ShouldSucceed("Acme Robotics", "CFO wants the contract in English");

        Assert.Equal("Logged a note on Acme Robotics: “CFO wants the contract in English”.", reply.Text.Split('\n')[0]);
        (await team.Ann("deal show Acme Robotics")).ShouldSay("CFO wants the contract in English");
    }

    [Fact]
    public async Task Help_lists_it_and_explains_it()
    {
        var team = new Team(fixture.App);

        (await team.Ann("deal help")).ShouldSay("deal note <deal> <text>");
        (await team.Ann("deal help note")).ShouldSay("the same as deal log <deal> note", "deal note Acme CFO wants the contract in English");
    }
}
