using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using SalesBot.Storage;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Privacy;

/// <summary>A person's data on request: a copy, erasure by pseudonym with the figures kept, and a whole team deleted.</summary>
public class PersonalDataTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<Team> TeamWithAnnsWorkAsync()
    {
        var team = new Team(fixture.App);
        await team.Ann("deal new Acme Robotics 50k close dec 20");
        await team.Ann("deal advance Acme Robotics");
        await team.Ann("deal log Acme Robotics call Ann promised the CFO a pilot");
        await team.Ann("deal new Globex 20k");
        await team.Ann("deal won Globex");
        await team.Bob("deal new Initech 30k");
        (await team.Maria("config managers add @ann")).ShouldSucceed();
        return team;
    }

    /// <summary>Every row of the team, keys and text values joined, in every table of the app.</summary>
    private async Task<List<string>> TeamRowsAsync(string tenant)
    {
        var service = new TableServiceClient(await Azurite.ConnectionStringAsync());
        var rows = new List<string>();
        await foreach (var table in service.QueryAsync(TableClient.CreateQueryFilter($"TableName ge {fixture.App.TablePrefix} and TableName lt {fixture.App.TablePrefix + "~"}")))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Partition(tenant)} or Tenant eq {tenant} or Team eq {tenant}");
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>(filter))
            {
                rows.Add(table.Name + ": " + row.RowKey + " " + string.Join(" ", row.Select(p => p.Value).OfType<string>()));
            }
        }

        return rows;
    }

    [Fact]
    public async Task A_persons_export_holds_their_profile_deals_history_and_settings()
    {
        var team = await TeamWithAnnsWorkAsync();
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");

        var exit = await AdminCommands.RunAsync(fixture.App.Services, ["admin", "export-user", "--tenant", team.Tenant, "--user", "u-ann", "--out", file], TextWriter.Null);

        Assert.Equal(0, exit);
        var export = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
        Assert.Equal(["Ann"], export.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        var tables = export.GetProperty("tables");
        var deals = tables.GetProperty(TableStorage.DealsTable).EnumerateArray().ToArray();
        string? Text(JsonElement row, string column) => row.TryGetProperty(column, out var v) ? v.GetString() : null;
        Assert.Contains(deals, r => Text(r, "Name") == "Acme Robotics" && Text(r, "OwnerId") == "u-ann");
        Assert.Contains(deals, r => r.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Contains("Ann promised the CFO a pilot", StringComparison.Ordinal)));
        Assert.DoesNotContain(deals, r => r.GetRawText().Contains("Initech", StringComparison.Ordinal));
        Assert.Contains(tables.GetProperty(TableStorage.UsersTable).EnumerateArray(), r => r.GetProperty("key").GetString() == "u|u-ann");
        Assert.Contains(tables.GetProperty("TeamSettings").EnumerateArray(), r => r.GetProperty("key").GetString()!.Contains("u-ann", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deal_named_after_a_forgotten_person_keeps_its_place_in_the_ordered_lists_and_can_still_be_changed()
    {
        var team = new Team(fixture.App);
        (await team.Ann("deal new \"Ann's Bakery\" 40k close 2026-12-18")).ShouldSucceed();
        (await team.Bob("deal new Initech 30k close 2026-12-19")).ShouldSucceed();
        async Task<IEnumerable<string>> ListedAsync()
        {
            // Read whole the first times (while the counts are made and the lists built), then a page at a time.
            for (var i = 0; i < 2; i++)
            {
                await team.Maria("deal list all");
                await fixture.App.Service<SalesBot.Deals.TeamUpkeep>().IdleAsync();
            }

            return (await team.Maria("deal list all")).Items.Select(i => i.Split(" (")[0]);
        }

        Assert.Equal(["Ann's Bakery", "Initech"], await ListedAsync());
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(fixture.App.Services, ["admin", "forget-user", "--tenant", team.Tenant, "--user", "u-ann"], output));
        var pseudonym = Regex.Match(output.ToString(), "\"(Former colleague [0-9a-f]{6})\"").Groups[1].Value;

        (await team.Maria($"deal set \"{pseudonym}'s Bakery\" close 2026-12-21")).ShouldSucceed($"{pseudonym}'s Bakery");
        Assert.Equal(["Initech", $"{pseudonym}'s Bakery"], await ListedAsync());
        // Nor is it found, or listed, by the name it had.
        var rows = await TeamRowsAsync(team.Tenant);
        Assert.DoesNotContain(rows, row => row.Contains("ANN'S", StringComparison.Ordinal) || row.Contains(": t|ann", StringComparison.Ordinal) || row.Contains(": name|ann", StringComparison.Ordinal));
        (await team.Maria("deal show Bakery")).ShouldSucceed($"{pseudonym}'s Bakery");
    }

    [Fact]
    public async Task A_forgotten_person_is_in_no_row_and_the_pipeline_figures_are_unchanged()
    {
        var team = await TeamWithAnnsWorkAsync();
        var before = (await team.Maria("pipeline this quarter")).Text;
        var output = new StringWriter();

        Assert.Equal(0, await AdminCommands.RunAsync(fixture.App.Services, ["admin", "forget-user", "--tenant", team.Tenant, "--user", "u-ann"], output));

        var pseudonym = Regex.Match(output.ToString(), "\"(Former colleague [0-9a-f]{6})\"").Groups[1].Value;
        Assert.NotEmpty(pseudonym);
        var person = new Regex(@"(?<![\p{L}\p{N}])(u-ann|Ann)(?![\p{L}\p{N}])");
        Assert.DoesNotContain(await TeamRowsAsync(team.Tenant), row => person.IsMatch(row));
        var after = (await team.Maria("pipeline this quarter")).Text;
        Assert.Equal(person.Replace(before, pseudonym), after);
        (await team.Maria("deal show Acme Robotics")).ShouldSay(pseudonym, "DKK 50,000", $"{pseudonym} promised the CFO a pilot");
        (await team.Bob("deal show Initech")).ShouldSay("Bob", "DKK 30,000");
    }

    [Fact]
    public async Task A_manager_exports_and_forgets_a_person_from_chat_after_confirming()
    {
        var team = await TeamWithAnnsWorkAsync();

        (await team.Bob("config forget @ann")).ShouldFail("Only managers");
        var export = (await team.Maria("config export @ann")).ShouldSucceed("What SalesBot holds about Ann:", "Deals: ", "admin export-user --tenant " + team.Tenant + " --user u-ann");
        Assert.Contains(export.Items, i => i.StartsWith("Users: ", StringComparison.Ordinal));
        var ask = (await team.Maria("config forget @ann")).ShouldSucceed("Forget Ann?", "cannot be undone");
        var forget = Assert.Single(ask.Buttons);
        Assert.Equal(("config forget @u-ann confirm", "u-maria"), (forget.Command, forget.OfferedTo));
        Assert.Contains(await TeamRowsAsync(team.Tenant), row => row.Contains("u-ann", StringComparison.Ordinal));

        (await team.Click("u-bob", forget)).ShouldFail("This choice was offered to Maria");
        var done = await team.Click("u-maria", forget);

        done.ShouldSucceed("Forgot u-ann", "Former colleague");
        var person = new Regex(@"(?<![\p{L}\p{N}])(u-ann|Ann)(?![\p{L}\p{N}])");
        Assert.DoesNotContain(await TeamRowsAsync(team.Tenant), row => person.IsMatch(row));
    }

    [Fact]
    public async Task A_deleted_team_leaves_no_row_behind_and_other_teams_keep_theirs()
    {
        var team = await TeamWithAnnsWorkAsync();
        var other = await TeamWithAnnsWorkAsync();

        Assert.Equal(2, await AdminCommands.RunAsync(fixture.App.Services, ["admin", "delete-tenant", "--tenant", team.Tenant, "--confirm", "someone-else"], TextWriter.Null));
        Assert.Equal(0, await AdminCommands.RunAsync(fixture.App.Services, ["admin", "delete-tenant", "--tenant", team.Tenant, "--confirm", team.Tenant], TextWriter.Null));

        Assert.DoesNotContain(await TeamRowsAsync(team.Tenant), row => !row.Contains("privacy", StringComparison.Ordinal));
        Assert.Contains(await TeamRowsAsync(other.Tenant), row => row.Contains("Acme Robotics", StringComparison.Ordinal));
    }
}
