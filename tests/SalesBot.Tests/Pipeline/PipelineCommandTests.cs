using SalesBot.Messaging;
using SalesBot.Slack;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Pipeline;

/// <summary>pipeline, stalled and config through the dev endpoint on Azurite; the app's clock moves, so it has its own app.</summary>
public class PipelineCommandTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly SalesBotApp _app = fixture.App;
    private readonly Team _team = new(fixture.App);

    [Fact]
    public async Task Managers_see_the_team_pipeline_reps_their_own_and_the_numbers_follow_the_deals()
    {
        await _team.Ann("deal new Alpha 100k close dec 15");
        await _team.Ann("deal new Beta 300k enterprise close dec 20");
        await _team.Ann("deal advance Beta to handle objections");
        await _team.Bob("deal new Gamma 200k close dec 1");
        await _team.Bob("deal new Delta 50k close 2027-02-01");
        await _team.Bob("deal new Omega 80k close dec 10");
        await _team.Bob("deal won Omega: signed");

        var team = (await _team.Maria("pipeline this quarter")).ShouldSucceed("Pipeline Q4 2026 · team");
        Assert.Equal("DKK 600,000 open and expected to close in Q4 2026 (3 deals); weighted forecast DKK 270,000.", team.Lead);
        Assert.Equal("1 deal · DKK 80,000", team.Fields.Single(f => f.Label == "Closed won").Value);
        Assert.Equal("DKK 300,000", team.Fields.Single(f => f.Label == "Commit").Value); // Beta, in Handle objections
        Assert.Contains(team.Items, i => i.StartsWith("Prospecting: 2 deals · DKK 300,000 · weighted DKK 30,000", StringComparison.Ordinal));
        Assert.Contains(team.Buttons, b => b.Command == "pipeline fy2026-q4 deals prospecting");

        var mine = (await _team.Ann("pipeline")).ShouldSucceed("Pipeline Q4 2026 · Ann");
        Assert.StartsWith("DKK 400,000 open", mine.Lead);
        (await _team.Ann("pipeline team")).ShouldFail("Only managers can see the team's");
        (await _team.Ann("pipeline @bob")).ShouldFail("Only managers can see");
        (await _team.Maria("pipeline @bob")).ShouldSucceed("Pipeline Q4 2026 · Bob", "DKK 200,000 open");
        (await _team.Maria("pipeline next quarter")).ShouldSucceed("Pipeline Q1 2027 · team", "DKK 50,000 open");
        (await _team.Maria("pipeline this quarter enterprise")).ShouldSucceed("team · Enterprise", "DKK 300,000 open");

        var behind = (await _team.Maria("pipeline fy2026-q4 deals prospecting")).ShouldSucceed("Prospecting · Q4 2026 (2)");
        Assert.StartsWith("Gamma", behind.Items[0]);
        Assert.Contains("Bob · DKK 200,000 · 10 % · close 1 Dec 2026", behind.Items[0]);
        (await _team.Maria("pipeline fy2026-q4 deals won")).ShouldSucceed("Omega");
    }

    [Fact]
    public async Task A_year_quota_counts_a_quarter_of_it_in_a_quarter_unless_the_quarter_has_its_own()
    {
        (await _team.Maria("config quota @maria 4m this year")).ShouldSucceed("The quota of Maria for 2026 is now DKK 4,000,000.");
        await _team.Maria("deal new Iota 250k close dec 10");
        await _team.Maria("deal won Iota");

        var mine = (await _team.Maria("pipeline this quarter mine")).ShouldSucceed();
        Assert.Equal("DKK 1,000,000 · 25 % attained (an even share of a longer period's quota)", mine.Fields.Single(f => f.Label == "Quota").Value);

        await _team.Ann("deal help");
        (await _team.Maria("config quota @maria 500k this quarter")).ShouldSucceed("The quota of Maria for Q4 2026 is now DKK 500,000.");
        (await _team.Maria("config quota @ann 2m h2")).ShouldSucceed("The quota of Ann for H2 2026 is now DKK 2,000,000.");
        mine = (await _team.Maria("pipeline this quarter mine")).ShouldSucceed();
        Assert.Equal("DKK 500,000 · 50 % attained", mine.Fields.Single(f => f.Label == "Quota").Value);

        // The team: Maria's own quarter quota, and half of Ann's half-year quota.
        var team = (await _team.Maria("pipeline this quarter")).ShouldSucceed();
        Assert.Equal("DKK 1,500,000 · 17 % attained (an even share of a longer period's quota)", team.Fields.Single(f => f.Label == "Quota").Value);
        var month = (await _team.Maria("pipeline this month mine")).ShouldSucceed();
        Assert.StartsWith("DKK 166,667 ·", month.Fields.Single(f => f.Label == "Quota").Value);
    }

    [Fact]
    public async Task The_pipeline_says_how_many_open_deals_no_period_includes()
    {
        await _team.Ann("deal new Zeta 10k");
        (await _team.Ann("pipeline")).ShouldSucceed("1 open deal has no expected close date, so no period includes it.");
        await _team.Ann("deal new Eta 20k");
        (await _team.Ann("pipeline")).ShouldSucceed("2 open deals have no expected close date, so no period includes them.");
        await _team.Ann("deal new Theta €30k close 2026-12-31");
        (await _team.Ann("pipeline")).ShouldSucceed("1 deal in a currency without a rate to DKK: counted, but not priced.");
    }

    [Fact]
    public async Task Config_commands_are_for_managers_and_change_what_the_pipeline_and_stall_checks_use()
    {
        (await _team.Ann("config stall contact mid 2")).ShouldFail("Only managers can change");
        (await _team.Ann("config stages")).ShouldSucceed("Contact: 20 % · stalled after 3/7/10 business days");

        (await _team.Maria("config stall contact mid 2")).ShouldSucceed("The stall limit of Contact for Mid-market deals is now 2 business days.");
        (await _team.Maria("config probability contact 30")).ShouldSucceed("The probability of Contact is now 30 %.");
        (await _team.Maria("config quota @maria 1m this quarter")).ShouldSucceed("The quota of Maria for Q4 2026 is now DKK 1,000,000.");
        (await _team.Ann("config stages")).ShouldSucceed("Contact: 30 % · stalled after 3/2/10 business days");

        await _team.Maria("deal new Kappa 500k close dec 30");
        await _team.Maria("deal advance Kappa");
        var report = await _team.Maria("pipeline mine");
        Assert.StartsWith("DKK 500,000 open and expected to close in Q4 2026 (1 deal); weighted forecast DKK 150,000.", report.Lead);
        Assert.Equal("DKK 1,000,000 · 0 % attained", report.Fields.Single(f => f.Label == "Quota").Value);
        Assert.StartsWith("0.5× of the remaining DKK 1,000,000", report.Fields.Single(f => f.Label == "Coverage").Value);

        var history = await _app.Service<ITeamSettingsStore>().HistoryAsync(_team.Tenant, 10, CancellationToken.None);
        Assert.Equal(3, history.Count);
        Assert.All(history, h => Assert.Equal("u-maria", h.Actor.Id));
        Assert.Contains(history, h => h.Description.Contains("quota of Maria", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_a_dev_team_the_first_manager_can_be_named_by_anyone_later_ones_only_by_managers()
    {
        var solo = new Team(_app);
        await _app.SayAsync("deal help", "u-zoe", "Zoe", solo.Tenant);
        var settings = await _app.Service<TenantSettingsProvider>().GetAsync(solo.Tenant);
        Assert.Contains("u-maria", settings.Managers);

        var fresh = "no-managers-" + Guid.NewGuid().ToString("N")[..6];
        await using var app = await SalesBotApp.StartAsync(new() { ["Tenants:Defaults:Managers:0"] = null });
        await app.SayAsync("deal help", "u-zoe", "Zoe", fresh);
        (await app.SayAsync("config managers add @zoe", "u-zoe", "Zoe", fresh)).ShouldSucceed("Zoe is now a manager.");
        (await app.SayAsync("config managers add @zoe", "u-yan", "Yan", fresh)).ShouldFail("Only managers can change");
        (await app.SayAsync("pipeline team", "u-zoe", "Zoe", fresh)).ShouldSucceed("Pipeline Q4 2026 · team");
    }

    [Fact]
    public async Task Stalled_lists_follow_the_role_and_the_stall_rules()
    {
        await _team.Ann("deal new Sigma 10k smb");
        await _team.Bob("deal new Tau 10k smb");
        _app.Clock.Advance(TimeSpan.FromDays(14));

        (await _team.Ann("stalled")).ShouldSucceed("Stalled deals (1)", "Sigma");
        (await _team.Ann("stalled team")).ShouldFail("Only managers");
        var team = (await _team.Maria("stalled")).ShouldSucceed("Stalled deals");
        Assert.Contains(team.Items, i => i.StartsWith("Tau", StringComparison.Ordinal));
        Assert.Contains(team.Items, i => i.StartsWith("Sigma", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shared_pipeline_renders_for_slack_and_teams()
    {
        await _team.Ann("deal new Zeta 100k close dec 15");
        var reply = await _team.Maria("pipeline share");

        Assert.Equal(Visibility.Public, reply.Visibility);
        var slack = BlockKitRenderer.Render(reply);
        Assert.Equal("in_channel", slack.ResponseType);
        var blocks = slack.Blocks!.Value.EnumerateArray().ToArray();
        Assert.Equal("Pipeline Q4 2026 · team", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal(10, blocks.First(b => b.TryGetProperty("fields", out _)).GetProperty("fields").GetArrayLength());
        var card = SalesBot.Teams.AdaptiveCardRenderer.Card(reply);
        Assert.Equal("FactSet", card["body"]![2]!["type"]!.GetValue<string>());
        Assert.Equal(12, card["body"]![2]!["facts"]!.AsArray().Count);
        Assert.StartsWith("pipeline fy2026-q4", card["actions"]![0]!["data"]!["command"]!.GetValue<string>());
    }
}
