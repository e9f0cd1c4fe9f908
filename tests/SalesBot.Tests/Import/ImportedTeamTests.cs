using SalesBot.Import;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Import;

/// <summary>A team's backdated pipeline imported from CSV, then used in chat the way the team would on day one.</summary>
public class ImportedTeamTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly SalesBotApp _app = fixture.App;

    [Fact]
    public async Task Owners_named_in_the_file_are_the_people_who_use_the_bot()
    {
        var tenant = AppFixture.NewTenant();
        await ImportedTeam.MeetPeopleAsync(_app, tenant);

        var result = await ImportedTeam.ImportAsync(_app, tenant);

        Assert.Empty(result.Errors);
        (await _app.SayAsync("deal list", "u-ann", "Ann Berg", tenant)).ShouldSucceed("Nordlys Energi", "Hav Data");
        (await _app.SayAsync("deal show Nordlys", "u-ann", "Ann Berg", tenant)).ShouldSucceed("Owner: Ann Berg");
        (await _app.SayAsync("deal log Nordlys call pricing ok", "u-ann", "Ann Berg", tenant)).ShouldSucceed();
        (await _app.SayAsync("deal list @ann", "u-maria", "Maria", tenant)).ShouldSucceed("Nordlys Energi");
        Assert.Equal(["u-ann"], (await _app.Service<IUserDirectory>().FindByNameAsync(tenant, "Ann Berg", CancellationToken.None)).Select(u => u.Id));
    }

    [Fact]
    public async Task Owners_nobody_knows_are_reported_row_by_row_and_nothing_is_imported()
    {
        var tenant = AppFixture.NewTenant();
        await _app.SayAsync("deal help", "u-ann", "Ann Berg", tenant);

        var result = await ImportedTeam.ImportAsync(_app, tenant);

        Assert.False(result.Applied);
        Assert.Equal([3, 6, 7], result.Errors.Select(e => e.Row));
        Assert.All(result.Errors, e => Assert.Equal(("Owner", "Bob Dahl"), (e.Column, e.Value)));
        Assert.Contains("no SalesBot user has this name, e-mail or user id", result.Errors[0].Reason);
        Assert.Empty(await _app.Service<IUserDirectory>().FindByNameAsync(tenant, "Bob Dahl", CancellationToken.None));
        (await _app.SayAsync("deal list", "u-ann", "Ann Berg", tenant)).ShouldSucceed("none right now");
    }

    [Fact]
    public async Task An_explicit_owner_mapping_wins_and_two_people_of_one_name_are_never_guessed_between()
    {
        var tenant = AppFixture.NewTenant();
        await _app.SayAsync("deal help", "u-ann", "Ann Berg", tenant);
        await _app.SayAsync("deal help", "u-ann2", "Ann Berg", tenant);

        var ambiguous = await ImportedTeam.ImportAsync(_app, tenant, ImportedTeam.Rows.Where(r => r.Contains("Ann Berg", StringComparison.Ordinal)));
        Assert.False(ambiguous.Applied);
        Assert.All(ambiguous.Errors, e => Assert.Contains("2 SalesBot users are called this (u-ann, u-ann2)", e.Reason));

        // Bob has not written to the bot yet: the mapping names his Slack member id, and his deals are his when he does.
        var owners = OwnersFile.Read("Owner,User id\nAnn Berg,u-ann2\nBob Dahl,U0BOB\n");
        using var reader = new StringReader(string.Join('\n', new[] { ImportedTeam.Header }.Concat(ImportedTeam.Rows)));
        var mapped = await _app.Service<DealImporter>().ImportAsync(tenant, reader, null, false, TextWriter.Null, CancellationToken.None, owners);

        Assert.Empty(mapped.Errors);
        (await _app.SayAsync("deal list", "u-ann2", "Ann Berg", tenant)).ShouldSucceed("Nordlys Energi");
        (await _app.SayAsync("deal list", "U0BOB", "Bob Dahl", tenant)).ShouldSucceed("Fjord Shipping");
        Assert.Equal(["U0BOB"], (await _app.Service<IUserDirectory>().FindByNameAsync(tenant, "Bob Dahl", CancellationToken.None)).Select(u => u.Id));
    }

    [Fact]
    public async Task Owners_are_matched_by_the_e_mail_their_channel_gave()
    {
        var tenant = AppFixture.NewTenant();
        await _app.Service<IUserDirectory>().RememberAsync(tenant, new("U0ANN", "Ann"), null, "Ann.Berg@Example.com", null, CancellationToken.None);
        var rows = ImportedTeam.Rows.Take(1).Select(r => r.Replace("Ann Berg", "ann.berg@example.com", StringComparison.Ordinal));

        var result = await ImportedTeam.ImportAsync(_app, tenant, rows);

        Assert.Empty(result.Errors);
        (await _app.SayAsync("deal list", "U0ANN", "Ann", tenant)).ShouldSucceed("Nordlys Energi");
    }

    [Fact]
    public async Task Imported_won_and_lost_deals_count_as_closed_from_day_one()
    {
        var tenant = AppFixture.NewTenant();
        await ImportedTeam.MeetPeopleAsync(_app, tenant);
        Assert.Empty((await ImportedTeam.ImportAsync(_app, tenant)).Errors);

        var pipeline = await _app.SayAsync("pipeline this quarter", "u-maria", "Maria", tenant);
        Assert.Equal("1 deal · DKK 300,000", pipeline.Fields.Single(f => f.Label == "Closed won").Value);
        Assert.Equal("1 deal · DKK 100,000", pipeline.Fields.Single(f => f.Label == "Closed lost").Value);
        Assert.StartsWith("67 % of deals", pipeline.Fields.Single(f => f.Label == "Win rate, last 12 months").Value);

        var all = await _app.SayAsync("deal list all", "u-maria", "Maria", tenant);
        Assert.DoesNotContain("Skov Retail", all.Text);
        Assert.DoesNotContain("Bro Logistics", all.Text);

        var skov = await _app.SayAsync("deal show Skov Retail", "u-ann", "Ann Berg", tenant);
        skov.ShouldSucceed("Stage: Won");
        Assert.Equal(3, skov.Items.Count);
        Assert.Contains(skov.Items, i => i.StartsWith("10 Nov 2026", StringComparison.Ordinal) && i.Contains("won", StringComparison.OrdinalIgnoreCase));

        // A closed deal's name is free for a new open deal, as for deals closed in chat.
        (await _app.SayAsync("deal new Skov Retail 20k", "u-ann", "Ann Berg", tenant)).ShouldSucceed("Created Skov Retail");
    }

    [Fact]
    public async Task A_reps_quota_and_the_teams_quota_read_right()
    {
        var tenant = AppFixture.NewTenant();
        await ImportedTeam.MeetPeopleAsync(_app, tenant);
        Assert.Empty((await ImportedTeam.ImportAsync(_app, tenant)).Errors);
        (await _app.SayAsync("config quota @ann 2m this year", "u-maria", "Maria", tenant)).ShouldSucceed();

        // Ann won Skov Retail (DKK 300,000) this quarter; her quarter is a quarter of her year.
        var ann = await _app.SayAsync("pipeline this quarter mine", "u-ann", "Ann Berg", tenant);
        Assert.Equal("DKK 500,000 · 60 % attained (an even share of a longer period's quota)", ann.Fields.Single(f => f.Label == "Quota").Value);

        var team = await _app.SayAsync("pipeline this quarter", "u-maria", "Maria", tenant);
        Assert.Equal("DKK 500,000 · 60 % attained (an even share of a longer period's quota) · no quota: Bob Dahl", team.Fields.Single(f => f.Label == "Quota").Value);

        (await _app.SayAsync("/deal config quota team 1.5m this quarter", "u-maria", "Maria", tenant)).ShouldSucceed("The quota of team for Q4 2026 is now DKK 1,500,000.");
        team = await _app.SayAsync("pipeline this quarter", "u-maria", "Maria", tenant);
        Assert.Equal("DKK 1,500,000 · 20 % attained", team.Fields.Single(f => f.Label == "Quota").Value);
        Assert.StartsWith("DKK 500,000 · 60 %", (await _app.SayAsync("pipeline this quarter mine", "u-ann", "Ann Berg", tenant)).Fields.Single(f => f.Label == "Quota").Value);
    }
}
