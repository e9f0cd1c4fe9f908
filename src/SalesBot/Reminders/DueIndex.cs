using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SalesBot.Storage;

namespace SalesBot.Reminders;

/// <summary>One deal to look at, at a time.</summary>
internal sealed record DueEntry(string Partition, string Row, string Tenant, string DealId, DateTimeOffset At);

/// <summary>
/// When each deal should next be looked at, across all teams: partition = UTC hour, row = time|tenant|deal. A scan reads
/// only the hours up to now (the last 48 of them), so its cost follows the deals due, not the deals open. Rows can be
/// stale (the deal changed since); the scanner checks each against the deal and drops or moves it.
/// </summary>
internal sealed class DueIndex(TableStorage storage)
{
    public const string Table = "ReminderDue";
    private static readonly TimeSpan Lookback = TimeSpan.FromHours(48);

    private TableClient Rows => storage.Table(Table);

    public Task ScheduleAsync(string tenant, string dealId, DateTimeOffset at, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            await Rows.UpsertEntityAsync(Row(tenant, dealId, at), TableUpdateMode.Replace, ct);
            return true;
        }, ct);

    /// <summary>Many checks at once (an import): the rows of one hour go in together, up to 100 to a transaction.</summary>
    public Task ScheduleManyAsync(string tenant, IEnumerable<(string DealId, DateTimeOffset At)> checks, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            foreach (var hour in checks.Select(c => Row(tenant, c.DealId, c.At)).GroupBy(r => r.PartitionKey))
            {
                foreach (var chunk in hour.DistinctBy(r => r.RowKey).Chunk(100))
                {
                    await Rows.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
                }
            }

            return true;
        }, ct);

    private static TableEntity Row(string tenant, string dealId, DateTimeOffset at) =>
        new(Bucket(at), $"{at.UtcTicks:D19}|{Keys.Partition(tenant)}|{dealId}")
        {
            ["Tenant"] = tenant,
            ["DealId"] = dealId,
            ["At"] = at,
        };

    public Task<IReadOnlyList<DueEntry>> DueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var from = Bucket(now - Lookback);
        var to = Bucket(now);
        var upTo = $"{now.UtcTicks:D19}}}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey le {to} and RowKey lt {upTo}");
        return storage.RunAsync<IReadOnlyList<DueEntry>>(async () =>
        {
            var due = new List<DueEntry>();
            await foreach (var e in Rows.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            {
                due.Add(new DueEntry(e.PartitionKey, e.RowKey, e.GetString("Tenant"), e.GetString("DealId"), e.GetDateTimeOffset("At") ?? now));
            }

            return due;
        }, ct);
    }

    public Task RemoveAsync(DueEntry entry, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                await Rows.DeleteEntityAsync(entry.Partition, entry.Row, ETag.All, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }

            return true;
        }, ct);

    /// <summary>A team with deals, and when its managers get their next digest.</summary>
    public sealed record TeamEntry(string Tenant, DateTimeOffset? NextDigestAt, DateTimeOffset? SweptAt, string ETag);

    public Task RegisterAsync(string tenant, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                await Rows.AddEntityAsync(new TableEntity("team", Keys.Partition(tenant)) { ["Tenant"] = tenant }, ct);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }

            return true;
        }, ct);

    public Task<IReadOnlyList<TeamEntry>> TeamsAsync(CancellationToken ct) =>
        storage.RunAsync<IReadOnlyList<TeamEntry>>(async () =>
        {
            var teams = new List<TeamEntry>();
            await foreach (var e in Rows.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"team"}"), cancellationToken: ct))
            {
                teams.Add(new TeamEntry(e.GetString("Tenant"), e.GetDateTimeOffset("NextDigestAt"), e.GetDateTimeOffset("SweptAt"), e.ETag.ToString()));
            }

            return teams;
        }, ct);

    /// <summary>Moves a team's digest or sweep time on, if nobody else did first; true when this caller won.</summary>
    public Task<bool> UpdateTeamAsync(TeamEntry team, DateTimeOffset? nextDigestAt, DateTimeOffset? sweptAt, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = new TableEntity("team", Keys.Partition(team.Tenant)) { ["Tenant"] = team.Tenant, ["NextDigestAt"] = nextDigestAt, ["SweptAt"] = sweptAt };
            try
            {
                await Rows.UpdateEntityAsync(row, new ETag(team.ETag), TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                return false;
            }
        }, ct);

    /// <summary>
    /// One scanner at a time does the work: a lease row taken or renewed with an ETag. The lease only saves work; each
    /// nudge is still claimed on the deal, so a stale leader cannot send twice.
    /// </summary>
    public Task<bool> TryLeaseAsync(string owner, DateTimeOffset now, TimeSpan duration, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var lease = new TableEntity("lease", "scanner") { ["Owner"] = owner, ["ExpiresAt"] = now + duration };
            var current = await Rows.GetEntityIfExistsAsync<TableEntity>("lease", "scanner", cancellationToken: ct);
            try
            {
                if (!current.HasValue || current.Value is null)
                {
                    await Rows.AddEntityAsync(lease, ct);
                    return true;
                }

                var row = current.Value;
                if (row.GetString("Owner") != owner && row.GetDateTimeOffset("ExpiresAt") > now)
                {
                    return false;
                }

                await Rows.UpdateEntityAsync(lease, row.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                return false;
            }
        }, ct);

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
