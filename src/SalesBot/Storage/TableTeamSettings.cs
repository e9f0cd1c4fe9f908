using Azure;
using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Storage;

/// <summary>
/// Team settings per tenant partition: <c>s|{kind}|{key}</c> rows, and <c>log|{inverted ticks}</c> rows recording each
/// change with who made it; both in one transaction.
/// </summary>
internal sealed class TableTeamSettings(TableStorage storage) : ITeamSettingsStore
{
    public const string Table = "TeamSettings";

    private TableClient Rows => storage.Table(Table);

    public Task<IReadOnlyList<TeamSetting>> ListAsync(string tenant, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {"s|"} and RowKey lt {"s}"}");
        return storage.RunAsync<IReadOnlyList<TeamSetting>>(async () =>
        {
            var settings = new List<TeamSetting>();
            await foreach (var e in Rows.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            {
                settings.Add(new TeamSetting(e.GetString("Kind"), e.GetString("Key"), e.GetString("Value"), e.GetString("Extra")));
            }

            return settings;
        }, ct);
    }

    public Task SetAsync(string tenant, TeamSetting setting, SettingsChange change, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var row = new TableEntity(pk, RowKey(setting.Kind, setting.Key))
        {
            ["Kind"] = setting.Kind,
            ["Key"] = setting.Key,
            ["Value"] = setting.Value,
            ["Extra"] = setting.Extra,
        };
        return SubmitAsync(pk, new TableTransactionAction(TableTransactionActionType.UpsertReplace, row), change, ct);
    }

    public Task RemoveAsync(string tenant, string kind, string key, SettingsChange change, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        return storage.RunAsync(async () =>
        {
            var exists = await Rows.GetEntityIfExistsAsync<TableEntity>(pk, RowKey(kind, key), cancellationToken: ct);
            if (exists.HasValue)
            {
                await SubmitAsync(pk, new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, RowKey(kind, key)), ETag.All), change, ct);
            }

            return true;
        }, ct);
    }

    public Task<IReadOnlyList<SettingsChange>> HistoryAsync(string tenant, int max, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {"log|"} and RowKey lt {"log}"}");
        return storage.RunAsync<IReadOnlyList<SettingsChange>>(async () =>
        {
            var changes = new List<SettingsChange>();
            await foreach (var e in Rows.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: ct))
            {
                changes.Add(new SettingsChange(e.GetDateTimeOffset("At") ?? default, new UserRef(e.GetString("ActorId"), e.GetString("ActorName")), e.GetString("Description")));
                if (changes.Count >= max)
                {
                    break;
                }
            }

            return changes;
        }, ct);
    }

    public async Task<bool> TryNameFirstManagerAsync(string tenant, UserRef manager, SettingsChange change, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var row = new TableEntity(pk, RowKey("manager", manager.Id)) { ["Kind"] = "manager", ["Key"] = manager.Id, ["Value"] = manager.Name };
        var marker = new TableEntity(pk, "first-manager") { ["UserId"] = manager.Id, ["At"] = change.At };
        try
        {
            await SubmitAsync(pk, new TableTransactionAction(TableTransactionActionType.UpsertReplace, row), change, ct,
                new TableTransactionAction(TableTransactionActionType.Add, marker));
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private Task SubmitAsync(string pk, TableTransactionAction action, SettingsChange change, CancellationToken ct, TableTransactionAction? guard = null) =>
        storage.RunAsync(async () =>
        {
            var log = new TableEntity(pk, $"log|{DateTimeOffset.MaxValue.UtcTicks - change.At.UtcTicks:D19}|{Guid.NewGuid():N}")
            {
                ["At"] = change.At,
                ["ActorId"] = change.Actor.Id,
                ["ActorName"] = change.Actor.Name,
                ["Description"] = change.Description,
            };
            await Rows.SubmitTransactionAsync(guard is null ? [action, new(TableTransactionActionType.Add, log)] : [guard, action, new(TableTransactionActionType.Add, log)], ct);
            return true;
        }, ct);

    private static string RowKey(string kind, string key) => $"s|{kind}|{Keys.Partition(key)}";
}
