using System.Globalization;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Storage;
using SalesBot.Tests.Import;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Deals;

/// <summary>
/// List pages read alone (from the team's counts by close day and its ordered lists) against the same lists read whole,
/// on a team of 160 messy deals: the same pages, and a page reads about what it shows.
/// </summary>
public sealed class ListPagesTests
{
    private static readonly string[] Names =
    [
        "Acme", "acme corp", "ACME A/S", "Acme AB", "Ærø Shipping", "Østerby #2", "Åby? Fisk", "Nordic \"Quotes\" ApS", "<b>bold</b> & co",
        "Rocket 🚀 deal", "Zeta", "zETA Nord", "Brø", "Bro", "Bro Logistik", "Café Ünïcode", "Tab\tName", "back\\slash", "#1 first",
    ];

    private static readonly string[] Stages = ["Prospecting", "Contact", "Identify need", "Present offer", "Handle objections"];

    /// <summary>What a list says: every page's text, items, footer and buttons, following "Show more" to the end.</summary>
    private static async Task<string> PagesAsync(SalesBotApp app, string tenant, string user, string name, string text)
    {
        var pages = new List<string>();
        for (var command = text; command is not null;)
        {
            var reply = await app.SayAsync(command, user, name, tenant);
            pages.Add(string.Join("\n", [reply.Text, .. reply.Items, reply.Footer ?? "-", .. reply.Buttons.Select(b => $"[{b.Label}: {b.Command}]")]));
            command = reply.Buttons.FirstOrDefault(b => b.Label.StartsWith("Show more", StringComparison.Ordinal))?.Command;
        }

        return string.Join("\n----\n", pages);
    }

    private static readonly (string User, string Name, string Text)[] Lists =
    [
        ("u-maria", "Maria", "pipeline this quarter deals pipeline"), ("u-maria", "Maria", "pipeline next quarter @ann deals commit"),
        ("u-maria", "Maria", "pipeline this quarter deals won"), ("u-maria", "Maria", "pipeline this quarter deals stalled"),
        ("u-maria", "Maria", "pipeline next quarter deals present offer"), ("u-maria", "Maria", "pipeline next quarter mid deals commit"),
        ("u-maria", "Maria", "pipeline next quarter deals bestcase"), ("u-ann", "Ann Berg", "pipeline this quarter deals lost"),
        ("u-maria", "Maria", "pipeline this quarter deals slipped"), ("u-maria", "Maria", "pipeline next quarter enterprise deals commit"),
        ("u-maria", "Maria", "deal list all"), ("u-maria", "Maria", "deal list @ann"), ("u-maria", "Maria", "deal list present offer"),
        ("u-ann", "Ann Berg", "deal list"), ("u-ann", "Ann Berg", "deal list contact"), ("u-bob", "Bob Dahl", "deal list all"),
        ("u-maria", "Maria", "stalled team"), ("u-ann", "Ann Berg", "deal list stalled"), ("u-maria", "Maria", "deal list slipped"),
    ];

    /// <summary>160 open deals over 12 close dates and none, 2 owners and 5 stages, with 20 closed ones beside them.</summary>
    private static IEnumerable<string> Rows()
    {
        static string Csv(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        for (var i = 0; i < 180; i++)
        {
            var name = i < Names.Length ? Names[i] : $"{Names[i % Names.Length]} {i / Names.Length}";
            var open = i < 160;
            var close = i % 13 == 12 ? "" : new DateOnly(2026, 12, 1).AddDays(i % 13 * 9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var owner = i % 3 == 0 ? "Bob Dahl" : "Ann Berg";
            yield return $"L-{i},{Csv(name)},{(i + 1) * 1000},DKK,mid,{Stages[i % Stages.Length]},{(open ? "open" : "won")},{owner},{(open ? close : "2026-11-02")},"
                + $"2026-10-01 09:00:00,2026-11-02 09:00:00,{(open ? "" : "2026-11-02 12:00:00")},";
        }
    }

    private static async Task<SalesBotApp> TeamAsync(StorageRequests requests, string tenant)
    {
        var app = await SalesBotApp.StartAsync(services: s => s.AddSingleton<HttpPipelinePolicy>(requests));
        await ImportedTeam.MeetPeopleAsync(app, tenant);
        var imported = await ImportedTeam.ImportAsync(app, tenant, Rows());
        Assert.True(imported.Imported == 180, string.Join("; ", imported.Errors.Take(3)));
        return app;
    }

    /// <summary>Every list, read whole (before the counts and ordered lists are there), then read a page at a time.</summary>
    private static async Task AssertPagesReadAloneAsync(SalesBotApp app, StorageRequests requests, string tenant)
    {
        var whole = new List<string>();
        foreach (var (user, name, text) in Lists)
        {
            whole.Add(await PagesAsync(app, tenant, user, name, text));
        }

        // The first lists had the counts made, the next the ordered lists built; from then on a page is read alone.
        for (var round = 0; round < 2; round++)
        {
            foreach (var (user, name, text) in Lists)
            {
                await app.SayAsync(text, user, name, tenant);
            }

            await app.Service<TeamUpkeep>().IdleAsync();
        }

        for (var i = 0; i < Lists.Length; i++)
        {
            Assert.Equal(whole[i], await PagesAsync(app, tenant, Lists[i].User, Lists[i].Name, Lists[i].Text));
        }

        // 160 open deals, 20 to a page: a page reads its 20 deals, the deals before it on its first close day, the
        // counts (a few summary rows) and one marker; read whole, every page read all 160.
        // A stalled page also reads the deals that are not stalled among them.
        var pages = new[]
        {
            ("deal list all", "All open deals (1", 60), ("deal list all page 5", "All open deals (1", 60), ("deal list all page 8", "All open deals (1", 60),
            ("stalled team page 2", "Stalled deals (", 100), ("deal list slipped", "slipped twice or more (2)", 100),
        };
        foreach (var (page, header, most) in pages)
        {
            requests.Clear();
            (await app.SayAsync(page, "u-maria", "Maria", tenant)).ShouldSucceed(header);
            Assert.InRange(requests.EntitiesRead, 20, most);
        }

        // A drill-down page (largest deals first) reads its count from the sums and its deals from the ranks of the
        // period's months, each only as far as the page: page p reads at most p × 20 rows of each month. Next quarter
        // has about 100 open deals over three months; a whole read took every one of them and the closed deals.
        var drillDowns = new[]
        {
            ("pipeline next quarter deals pipeline", "Pipeline · Q1 2027 (", 80), ("pipeline next quarter deals pipeline page 2", "Pipeline · Q1 2027 (", 130),
            ("pipeline this quarter deals won", "Closed won · Q4 2026 (21)", 40),
            ("pipeline this quarter deals slipped", "Close date slipped this period · Q4 2026 (2)", 40),
        };
        foreach (var (page, header, most) in drillDowns)
        {
            requests.Clear();
            (await app.SayAsync(page, "u-maria", "Maria", tenant)).ShouldSucceed(header);
            Assert.InRange(requests.EntitiesRead, 1, most);
        }

        // A closed deal says when it closed, not that it has no close date.
        var won = await app.SayAsync("pipeline this quarter deals won", "u-maria", "Maria", tenant);
        Assert.All(won.Items, item => Assert.Contains(" · closed 2 Nov 2026 · Won", item, StringComparison.Ordinal));
    }

    /// <summary>
    /// A stage moved, a close date moved earlier, a deal won, two close dates moved later once (one within the quarter,
    /// one out of it), and three close dates moved later twice: two slipped, and one ("Brø") had no close date to slip from.
    /// </summary>
    private static async Task ChangesAsync(SalesBotApp app, string tenant)
    {
        var changes = new[]
            {
                "deal advance \"acme corp\"", "deal set \"Zeta\" close 2026-12-10", "deal won \"Acme AB\"",
                "deal set \"Bro Logistik\" close 2026-12-30", "deal set \"Acme\" close 2027-01-15",
            }
            .Concat(new[] { "Bro", "Brø", "Café Ünïcode" }.SelectMany(name => new[] { $"deal set \"{name}\" close 2027-02-01", $"deal set \"{name}\" close 2027-03-01" }));
        foreach (var change in changes)
        {
            (await app.SayAsync(change, "u-maria", "Maria", tenant)).ShouldSucceed();
        }
    }

    [Fact]
    public async Task Every_page_read_alone_is_the_page_read_whole_and_reads_about_what_it_shows()
    {
        var requests = new StorageRequests();
        var tenant = AppFixture.NewTenant();
        await using var app = await TeamAsync(requests, tenant);
        await ChangesAsync(app, tenant);
        await AssertPagesReadAloneAsync(app, requests, tenant);
    }

    [Fact]
    public async Task A_team_whose_deals_were_stored_before_lists_were_kept_keeps_working_and_gets_its_lists_built()
    {
        var requests = new StorageRequests();
        var tenant = AppFixture.NewTenant();
        await using var app = await TeamAsync(requests, tenant);

        // As an earlier version stored them: no list rows, deals not marked as listed.
        var table = app.Service<TableStorage>().Table(TableStorage.DealsTable);
        var pk = Keys.Partition(tenant);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}")))
        {
            if (new[] { "l|", "lo|", "ls|", "ra|", "rao|", "rc|", "rco|" }.Any(prefix => row.RowKey.StartsWith(prefix, StringComparison.Ordinal)))
            {
                await table.DeleteEntityAsync(pk, row.RowKey, ETag.All);
            }
            else if (row.Remove("Listed") | row.Remove("Ranked"))
            {
                await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
            }
        }

        // Changes to unlisted deals (the rows they would delete are not there), and a new deal, before the lists are built.
        await ChangesAsync(app, tenant);
        (await app.SayAsync("deal new \"Late Comer\" 5k close 2026-12-10", "u-ann", "Ann Berg", tenant)).ShouldSucceed("Late Comer");

        await AssertPagesReadAloneAsync(app, requests, tenant);

        // Listed now: a change moves the deal's rows, and the lists still read as a whole read does.
        (await app.SayAsync("deal set \"Ærø Shipping\" close 2027-01-05", "u-maria", "Maria", tenant)).ShouldSucceed("Ærø Shipping");
        var pages = await PagesAsync(app, tenant, "u-maria", "Maria", "deal list all");
        Assert.StartsWith("All open deals (160)", pages, StringComparison.Ordinal);
        var shown = pages.Split('\n').Where(line => line.StartsWith("• ", StringComparison.Ordinal)).ToList();
        Assert.Equal(160, shown.Count);
        Assert.Equal(160, shown.Distinct().Count());
        Assert.Single(shown, line => line.StartsWith("• Ærø Shipping (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_logged_call_writes_no_list_or_rank_row_again_and_an_advance_writes_them_all()
    {
        await using var app = await SalesBotApp.StartAsync();
        var tenant = AppFixture.NewTenant();
        (await app.SayAsync("deal new Nordlys 50k close 2026-12-20", "u-ann", "Ann Berg", tenant)).ShouldSucceed("Nordlys");
        var table = app.Service<TableStorage>().Table(TableStorage.DealsTable);
        var pk = Keys.Partition(tenant);
        async Task<Dictionary<string, string>> CopiesAsync()
        {
            var copies = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}")))
            {
                if (new[] { "l|", "lo|", "ls|", "ra|", "rao|" }.Any(prefix => row.RowKey.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    copies[row.RowKey] = row.ETag.ToString();
                }
            }

            return copies;
        }

        var before = await CopiesAsync();
        Assert.Equal(5, before.Count);

        (await app.SayAsync("deal log Nordlys call \"pricing ok\"", "u-ann", "Ann Berg", tenant)).ShouldSucceed("Nordlys");
        Assert.Equal(before, await CopiesAsync());

        (await app.SayAsync("deal advance Nordlys", "u-ann", "Ann Berg", tenant)).ShouldSucceed("Nordlys");
        var after = await CopiesAsync();
        Assert.Equal(5, after.Count);
        Assert.All(after, copy => Assert.False(before.TryGetValue(copy.Key, out var etag) && etag == copy.Value, copy.Key));
        (await app.SayAsync("deal list", "u-ann", "Ann Berg", tenant)).ShouldSucceed("Nordlys", "Contact");
    }
}
