using System.Globalization;
using System.Text.Json;
using SalesBot.Deals;
using SalesBot.Pipeline;
using SalesBot.Tenants;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Pipeline;

/// <summary>The team's pipeline sums in storage, kept by two instances at once, against the deals they sum up.</summary>
public class PipelineSumsTests
{
    private static DateOnly Today => DateOnly.FromDateTime(SalesBotApp.Start.UtcDateTime);

    private static async Task<(CubeRows Expected, PipelineSums? Stored, IReadOnlyList<Deal> Deals)> CompareAsync(SalesBotApp app, string tenant)
    {
        var settings = await app.Service<TenantSettingsProvider>().GetAsync(tenant);
        var deals = await app.Service<IDealStore>().ListAsync(tenant, new DealQuery(OpenOnly: false, Max: 10_000), CancellationToken.None);
        var expected = new CubeRows();
        foreach (var deal in deals)
        {
            expected.Add(PipelineCube.Of(deal, settings));
        }

        var months = PipelineCube.ClosedMonths(Periods.QuarterOf(Today, 1), Today).ToArray();
        return (expected, await app.Service<IPipelineSums>().ReadAsync(settings, PipelineCube.Team, months[0], months[^1], CancellationToken.None), deals);
    }

    private static string Team(CubeRows rows) => JsonSerializer.Serialize(rows.Rows
        .Where(r => r.Key.StartsWith(PipelineCube.OpenRows(PipelineCube.Team), StringComparison.Ordinal) || r.Key.StartsWith(PipelineCube.ClosedRows(PipelineCube.Team), StringComparison.Ordinal))
        .OrderBy(r => r.Key, StringComparer.Ordinal)
        .Select(r => new
        {
            r.Key,
            Cells = r.Value.Where(c => !c.Value.IsZero).OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}={c.Value.Count}/{c.Value.Amount:0.##}/{c.Value.Sum}")),
        }));

    [Fact]
    public async Task Concurrent_changes_to_deals_in_one_stage_and_month_from_two_instances_lose_no_sum()
    {
        await using var first = await SalesBotApp.StartAsync();
        await using var second = await SalesBotApp.StartAsync(tablePrefix: first.TablePrefix);
        var tenant = AppFixture.NewTenant();
        await first.SayAsync("deal help", "u-maria", "Maria", tenant);
        (await first.SayAsync("config managers add @u-maria", "u-maria", "Maria", tenant)).ShouldSucceed();
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await first.SayAsync($"deal new \"Same month {i}\" 10k close dec 15", "u-maria", "Maria", tenant)).DealId());
        }

        var settings = await first.Service<TenantSettingsProvider>().GetAsync(tenant);
        Assert.True(await first.Service<IPipelineSums>().RecountAsync(settings, CancellationToken.None));

        // Both instances change the same deals (same stage, same close month, so the same summary cells) and fold at once.
        var work = new List<Task>();
        for (var k = 0; k < 48; k++)
        {
            var app = k % 2 == 0 ? first : second;
            var id = ids[k % ids.Count];
            var text = (k % 4) switch
            {
                0 => $"deal advance {id}",
                1 => $"deal set {id} amount {20 + k}k",
                2 => $"deal set {id} close dec {1 + (k % 28)}",
                _ => $"deal back {id}",
            };
            work.Add(app.SayAsync(text, "u-maria", "Maria", tenant));
            if (k % 8 == 7)
            {
                work.Add(first.Service<IPipelineSums>().FoldAsync(tenant, CancellationToken.None));
                work.Add(second.Service<IPipelineSums>().FoldAsync(tenant, CancellationToken.None));
            }
        }

        await Task.WhenAll(work);
        var (expected, stored, _) = await CompareAsync(first, tenant);
        Assert.NotNull(stored);
        Assert.Equal(Team(expected), Team(stored.Rows));

        Assert.Equal(stored.Pending, await second.Service<IPipelineSums>().FoldAsync(tenant, CancellationToken.None));
        var (afterFold, storedAfterFold, _) = await CompareAsync(second, tenant);
        Assert.Equal((0, Team(afterFold)), (storedAfterFold!.Pending, Team(storedAfterFold.Rows)));
    }

    [Fact]
    public async Task The_pipeline_from_the_sums_says_what_counting_the_deals_says_and_follows_every_change()
    {
        await using var app = await SalesBotApp.StartAsync();
        var tenant = AppFixture.NewTenant();
        await app.SayAsync("deal help", "u-maria", "Maria", tenant);
        await app.SayAsync("config managers add @u-maria", "u-maria", "Maria", tenant);
        foreach (var (name, terms) in new[] { ("Acme", "50k close dec 20"), ("Beta", "EUR 12,500 close nov 30"), ("Gamma", "80k enterprise close jan 10"), ("Delta", "30k") })
        {
            (await app.SayAsync($"deal new {name} {terms}", "u-maria", "Maria", tenant)).ShouldSucceed();
        }

        // The first answer counts the deals (the team has no sums yet) and has them counted for the next.
        var counted = (await app.SayAsync("pipeline", "u-maria", "Maria", tenant)).Text;
        await app.Service<PipelineSumsUpkeep>().IdleAsync();
        Assert.Equal(counted, (await app.SayAsync("pipeline", "u-maria", "Maria", tenant)).Text);

        foreach (var change in new[] { "deal advance Acme", "deal advance Acme", "deal won Beta", "deal set Gamma close dec 5", "deal lost Delta price", "deal set Acme amount 65k" })
        {
            (await app.SayAsync(change, "u-maria", "Maria", tenant)).ShouldSucceed();
        }

        var (expected, stored, deals) = await CompareAsync(app, tenant);
        Assert.NotNull(stored);
        Assert.Equal(Team(expected), Team(stored.Rows));
        var fromSums = (await app.SayAsync("pipeline", "u-maria", "Maria", tenant)).Text;
        var input = new PipelineInput(Periods.QuarterOf(Today, 1), new PipelineScope(null, null, null), Today,
            await app.Service<TenantSettingsProvider>().GetAsync(tenant), [.. deals.Where(d => d.IsOpen)], [.. deals.Where(d => !d.IsOpen)], null);
        var report = PipelineMath.Compute(input);
        Assert.Equal((2, 1, 1), (report.OpenCount, report.WonCount, report.LostCount));
        Assert.Equal(JsonSerializer.Serialize(report), JsonSerializer.Serialize(PipelineCube.Compute(input with { OpenDeals = [], ClosedDeals = [] }, stored.Rows)));
        Assert.Contains("Won", fromSums, StringComparison.Ordinal);
    }

    /// <summary>Refuses reads of the open-deal view, as the service does a read of a partition too big to answer in time.</summary>
    private sealed class OpenViewTimesOut : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        public bool On { get; set; } = true;

        public override ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            On && Uri.UnescapeDataString(message.Request.Uri.Query).Contains("'open|'", StringComparison.Ordinal)
                ? throw new Azure.RequestFailedException(503, "The operation could not be completed within the permitted time.")
                : ProcessNextAsync(message, pipeline);

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task A_team_too_big_to_answer_from_its_deals_in_time_gets_its_sums_counted_and_answered_from_them_next()
    {
        var slow = new OpenViewTimesOut { On = false };
        await using var app = await SalesBotApp.StartAsync(services: s => s.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(slow));
        var tenant = AppFixture.NewTenant();
        await app.SayAsync("deal help", "u-maria", "Maria", tenant);
        await app.SayAsync("config managers add @u-maria", "u-maria", "Maria", tenant);
        (await app.SayAsync("deal new Acme 50k close dec 20", "u-maria", "Maria", tenant)).ShouldSucceed();

        slow.On = true;
        (await app.SayAsync("pipeline", "u-maria", "Maria", tenant)).ShouldFail();
        await app.Service<PipelineSumsUpkeep>().IdleAsync();
        (await app.SayAsync("pipeline", "u-maria", "Maria", tenant)).ShouldSucceed("DKK 50,000");
    }

    [Fact]
    public async Task Folding_changes_into_big_summary_rows_keeps_each_transaction_within_four_mebibytes_and_folds_every_change()
    {
        var requests = new StorageRequests();
        await using var app = await SalesBotApp.StartAsync(services: s => s.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(requests));
        var tenant = AppFixture.NewTenant();
        await app.SayAsync("deal help", "u-maria", "Maria", tenant);
        await app.SayAsync("config managers add @u-maria", "u-maria", "Maria", tenant);
        (await app.SayAsync("pipeline", "u-maria", "Maria", tenant)).ShouldSucceed();
        await app.Service<PipelineSumsUpkeep>().IdleAsync();

        // A big team's summary rows: 40 months of them, each about 100 KB stored (5,000 people, ids that do not compress,
        // with deals closing on the 1st).
        var table = app.Service<SalesBot.Storage.TableStorage>().Table(SalesBot.Storage.TableStorage.DealsTable);
        var pk = SalesBot.Storage.Keys.Partition(tenant);
        var random = new Random(5);
        var cells = Enumerable.Range(0, 5_000).ToDictionary(i => $"p|01|1|{i:D4}{random.NextInt64():x16}{random.NextInt64():x16}", _ => new CubeCell(1, 0, 0));
        var first = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1);
        for (var m = 0; m < 40; m++)
        {
            foreach (var owner in new[] { PipelineCube.Team, "u-maria" })
            {
                await table.UpsertEntityAsync(SummaryEntities.BaseRow(pk, PipelineCube.OpenRow(first.AddMonths(m), owner), cells, new Dictionary<string, string>()));
            }
        }

        // A change to each of those months: 40 pending changes touching 80 big rows.
        for (var m = 0; m < 40; m++)
        {
            (await app.SayAsync($"deal new \"Month {m}\" 5k close {first.AddMonths(m):yyyy-MM-dd}", "u-maria", "Maria", tenant)).ShouldSucceed();
        }

        requests.Clear();
        Assert.Equal(40, await app.Service<IPipelineSums>().FoldAsync(tenant, CancellationToken.None));
        Assert.InRange(requests.LargestBatchBytes, 1, 4L * 1024 * 1024);

        var settings = await app.Service<TenantSettingsProvider>().GetAsync(tenant);
        var stored = await app.Service<IPipelineSums>().ReadOpenAsync(settings, PipelineCube.Team, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(0, stored.Pending);
        var last = stored.Rows.Rows[PipelineCube.OpenRow(first.AddMonths(39), PipelineCube.Team)];
        Assert.Equal(5_000 + 1, last.Count(c => c.Key.StartsWith("p|", StringComparison.Ordinal)));
    }
}
