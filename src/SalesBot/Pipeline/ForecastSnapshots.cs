using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Storage;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>
/// Forecasts as recorded: one small row per team, quarter, day and person (partition tenant, row
/// quarter|yyyyMMdd|owner, "*team" for the team), never a copy of the deals.
/// </summary>
internal sealed class ForecastSnapshots(TableStorage storage, IDealStore store, TimeProvider clock)
{
    public const string Table = "Forecasts";
    private const string TeamKey = "*team";

    private TableClient Rows => storage.Table(Table);

    /// <summary>Records today's forecast for the current and next quarter, for the team and for everyone with open deals. Returns the rows written.</summary>
    public async Task<int> TakeAsync(TenantSettings tenant, CancellationToken ct)
    {
        var today = tenant.Today(clock.GetUtcNow());
        var open = await store.ListAsync(tenant.Tenant, new DealQuery(OpenOnly: true, Max: 100_000), ct);
        var owners = open.Select(d => d.Owner.Id).Distinct(StringComparer.Ordinal).Prepend(null).ToArray();
        var written = 0;
        foreach (var quarter in new[] { Periods.QuarterOf(today, tenant.FiscalYearStartMonth), Periods.QuarterOf(today, tenant.FiscalYearStartMonth, 1) })
        {
            foreach (var owner in owners)
            {
                var point = ForecastAccuracy.Forecast(open, tenant, quarter, today, owner, reconstructed: false);
                await storage.RunAsync(async () =>
                {
                    await Rows.UpsertEntityAsync(new TableEntity(Keys.Partition(tenant.Tenant), $"{quarter.Key}|{today:yyyyMMdd}|{Keys.Partition(owner ?? TeamKey)}")
                    {
                        ["Tenant"] = tenant.Tenant,
                        ["Period"] = quarter.Key,
                        ["AsOf"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        ["OwnerId"] = owner ?? TeamKey,
                        ["Weighted"] = (double)point.Weighted,
                        ["Commit"] = (double)point.Commit,
                        ["BestCase"] = (double)point.BestCase,
                    }, TableUpdateMode.Replace, ct);
                    return true;
                }, ct);
                written++;
            }
        }

        return written;
    }

    /// <summary>
    /// Claims today's weekly recording for a team (one insert: of several instances one wins); false when it was taken
    /// already.
    /// </summary>
    public Task<bool> ClaimWeekAsync(string tenant, DateOnly today, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                await Rows.AddEntityAsync(new TableEntity(Keys.Partition(tenant), $"taken|{today:yyyyMMdd}") { ["Tenant"] = tenant }, ct);
                return true;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 409)
            {
                return false;
            }
        }, ct);

    /// <summary>Every recorded forecast of one quarter.</summary>
    public Task<IReadOnlyList<ForecastPoint>> ForAsync(string tenant, string periodKey, CancellationToken ct) =>
        storage.RunAsync<IReadOnlyList<ForecastPoint>>(async () =>
        {
            var points = new List<ForecastPoint>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Partition(tenant)} and RowKey ge {periodKey + "|"} and RowKey lt {periodKey + "}"}");
            await foreach (var e in Rows.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            {
                var owner = e.GetString("OwnerId");
                points.Add(new ForecastPoint(periodKey, DateOnly.ParseExact(e.GetString("AsOf"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    owner == TeamKey ? null : owner, (decimal)(e.GetDouble("Weighted") ?? 0), (decimal)(e.GetDouble("Commit") ?? 0), (decimal)(e.GetDouble("BestCase") ?? 0), false));
            }

            return points;
        }, ct);
}

/// <summary>Every Monday, each team's forecast is recorded once (checked hourly on the app's clock, claimed across instances).</summary>
internal sealed class ForecastWorker(
    ForecastSnapshots snapshots, Reminders.DueIndex teams, TenantSettingsProvider tenants, TimeProvider clock, ILogger<ForecastWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Records this Monday's forecasts of every team that has not had them yet; returns how many teams.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var taken = 0;
        foreach (var team in await teams.TeamsAsync(ct))
        {
            var tenant = await tenants.GetAsync(team.Tenant, ct);
            var today = tenant.Today(clock.GetUtcNow());
            if (today.DayOfWeek == DayOfWeek.Monday && await snapshots.ClaimWeekAsync(team.Tenant, today, ct))
            {
                await snapshots.TakeAsync(tenant, ct);
                taken++;
            }
        }

        return taken;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Messaging.Ticker.RunEveryAsync(Interval, clock, logger, "Forecast recording", RunAsync, stoppingToken);
}
