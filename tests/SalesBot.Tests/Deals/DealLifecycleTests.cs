using SalesBot.Deals;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Deals;

/// <summary>A deal's life through the dev endpoint, stored in Azurite.</summary>
public class DealLifecycleTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly SalesBotApp _app = fixture.App;
    private readonly Team _team = new(fixture.App);

    [Fact]
    public async Task A_deal_goes_from_new_to_won_to_lost_with_every_step_in_its_history()
    {
        var created = (await _team.Ann("deal new Acme Corp 50k enterprise close dec 31"))
            .ShouldSucceed("Created Acme Corp", "Prospecting", "DKK 50,000", "Enterprise", "owner Ann", "31 Dec 2026");
        var id = created.DealId();
        Assert.Contains(created.Buttons, b => b.Command == $"deal advance {id} from prospecting");

        (await _team.Ann("deal advance Acme")).ShouldSucceed("Moved Acme Corp from Prospecting to Contact (20 %)");
        (await _team.Ann("deal advance acme corp to present offer")).ShouldSucceed("from Contact to Present offer (60 %)");
        (await _team.Ann("deal back Acme")).ShouldSucceed("back from Present offer to Identify need");
        (await _team.Ann("deal log Acme call \"pricing ok\"")).ShouldSucceed("Logged a call on Acme Corp: “pricing ok”");
        (await _team.Ann("deal next Acme 2026-12-03 demo")).ShouldSucceed("Next step for Acme Corp: 3 Dec 2026 — demo");
        (await _team.Ann("deal snooze Acme 3d waiting")).ShouldSucceed("Snoozed Acme Corp until 30 Nov 2026");
        (await _team.Ann("deal set Acme amount DKK 75,000")).ShouldSucceed("Set the amount of Acme Corp to DKK 75,000");
        (await _team.Ann("deal won Acme Corp signed today")).ShouldSucceed("Won Acme Corp — DKK 75,000");
        (await _team.Ann("deal advance Acme")).ShouldFail("Acme Corp is already won", $"deal reopen {id}");
        (await _team.Ann("deal reopen Acme")).ShouldSucceed("Reopened Acme Corp in Identify need");
        (await _team.Ann("deal lost Acme Corp chose a competitor")).ShouldSucceed("Marked Acme Corp as lost: chose a competitor");

        var shown = (await _team.Ann("deal show " + id)).ShouldSucceed("Acme Corp · " + id, "Stage: Lost", "Lost because: chose a competitor");
        Assert.Equal(5, shown.Items.Count);
        Assert.Contains("Ann marked it lost: chose a competitor", shown.Items[0]);
        Assert.Contains("Ann reopened it", shown.Items[1]);

        var store = _app.Service<IDealStore>();
        var history = await store.HistoryAsync(_team.Tenant, id, 100, CancellationToken.None);
        Assert.Equal(
            [DealEventKind.Created, DealEventKind.StageMoved, DealEventKind.StageMoved, DealEventKind.StageMoved, DealEventKind.Interaction,
             DealEventKind.NextStepSet, DealEventKind.Snoozed, DealEventKind.FieldChanged, DealEventKind.Won, DealEventKind.Reopened, DealEventKind.Lost],
            history.Reverse().Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, 11), history.Reverse().Select(e => e.Version));
        Assert.All(history, e => Assert.Equal("u-ann", e.Actor.Id));
        var deal = (await store.GetAsync(_team.Tenant, id, mayUseCache: false, CancellationToken.None))!.Deal;
        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal(11, deal.Version);
        Assert.Equal(new InteractionKind?(InteractionKind.Call), deal.LastInteraction?.Kind);
    }

    [Fact]
    public async Task Names_are_found_by_id_exact_name_unique_word_or_prefix()
    {
        var id = (await _team.Ann("deal new The Acme Corporation 10k")).DealId();
        await _team.Ann("deal new Globex Nordic 20k");

        (await _team.Ann("deal show " + id.ToLowerInvariant())).ShouldSucceed("The Acme Corporation");
        (await _team.Ann("deal show the acme corporation")).ShouldSucceed("The Acme Corporation");
        (await _team.Ann("deal show Acme")).ShouldSucceed("The Acme Corporation");
        (await _team.Ann("deal show corp")).ShouldSucceed("The Acme Corporation");
        (await _team.Ann("deal show glob nor")).ShouldSucceed("Globex Nordic");
    }

    [Fact]
    public async Task An_ambiguous_name_lists_the_candidates_as_buttons_and_an_unknown_one_suggests_close_names()
    {
        var corp = (await _team.Ann("deal new Initech Corp 10k")).DealId();
        var labs = (await _team.Ann("deal new Initech Labs 10k")).DealId();

        var ambiguous = (await _team.Ann("deal log initech call")).ShouldFail("“initech” matches several deals", "Initech Corp", "Initech Labs");
        Assert.Equal(new[] { $"deal log {corp} call", $"deal log {labs} call" }.Order(), ambiguous.Buttons.Select(b => b.Command).Order());

        var unknown = (await _team.Ann("deal advance Initeck Labs")).ShouldFail("I couldn't find a deal called “Initeck Labs”", "Did you mean", "Initech Labs");
        Assert.Equal($"deal advance {labs}", unknown.Buttons[0].Command);

        (await _team.Ann("deal show Zyxw")).ShouldFail("I couldn't find a deal called “Zyxw”");
    }

    [Fact]
    public async Task Only_the_owner_or_a_manager_changes_a_deal()
    {
        await _team.Ann("deal new Hooli 30k");

        (await _team.Bob("deal advance Hooli")).ShouldFail("Hooli belongs to Ann");
        (await _team.Bob("deal show Hooli")).ShouldFail("Hooli belongs to Ann");
        (await _team.Bob("deal list all")).ShouldFail("Only managers can see other people's deals");
        (await _team.Maria("deal advance Hooli")).ShouldSucceed("Moved Hooli from Prospecting to Contact");
        (await _team.Maria("deal list all")).ShouldSucceed("All open deals (1)", "Hooli", "Ann");
        (await _team.Maria("deal set Hooli owner @carol")).ShouldFail("I don't know @carol yet");
        (await _team.Maria("deal set Hooli owner @bob")).ShouldSucceed("Set the owner of Hooli to Bob");
        (await _team.Bob("deal advance Hooli")).ShouldSucceed("Moved Hooli from Contact to Identify need");
        (await _team.Ann("deal advance Hooli")).ShouldFail("Hooli belongs to Bob");
    }

    [Fact]
    public async Task A_second_open_deal_with_the_same_name_is_refused()
    {
        var first = (await _team.Ann("deal new Umbrella 10k")).DealId();

        (await _team.Ann("deal new umbrella 20k")).ShouldFail("There is already an open deal called umbrella (" + first + ")");
        await _team.Ann("deal lost Umbrella: no budget");
        (await _team.Ann("deal new Umbrella 20k")).ShouldSucceed("Created Umbrella");
        (await _team.Ann("deal reopen " + first)).ShouldFail("Another open deal is already called Umbrella");
    }
}
