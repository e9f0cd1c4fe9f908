using System.Collections.Concurrent;
using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Storage;

/// <summary>
/// People per tenant: <c>u|{id}</c> holds the name, <c>n|{name}|{id}</c> finds a user by name prefix.
/// A user is written once per process and again only when their name changes.
/// </summary>
internal sealed class TableUserDirectory(TableStorage storage) : IUserDirectory
{
    private readonly ConcurrentDictionary<(string Pk, string Id), (string Name, string? Zone)> _known = new();

    private TableClient Users => storage.Table(TableStorage.UsersTable);

    public async Task RememberAsync(string tenant, UserRef user, string? timeZone, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        if (_known.TryGetValue((pk, user.Id), out var known) && known.Name == user.Name && (timeZone is null || known.Zone == timeZone))
        {
            return;
        }

        await storage.RunAsync(async () =>
        {
            var existing = await Users.GetEntityIfExistsAsync<TableEntity>(pk, Keys.User(user.Id), cancellationToken: ct);
            var oldName = existing.HasValue ? existing.Value?.GetString("Name") : null;
            var oldZone = existing.HasValue ? existing.Value?.GetString("TimeZone") : null;
            if (oldName != user.Name || (timeZone is not null && timeZone != oldZone))
            {
                var batch = new List<TableTransactionAction>
                {
                    new(TableTransactionActionType.UpsertReplace, new TableEntity(pk, Keys.User(user.Id)) { ["UserId"] = user.Id, ["Name"] = user.Name, ["TimeZone"] = timeZone ?? oldZone }),
                    new(TableTransactionActionType.UpsertReplace, NameRow(pk, user)),
                };
                if (oldName is not null && TextKey.Normalize(oldName) != TextKey.Normalize(user.Name))
                {
                    batch.Add(new(TableTransactionActionType.Delete, NameRow(pk, user with { Name = oldName }), Azure.ETag.All));
                }

                await Users.SubmitTransactionAsync(batch, ct);
            }

            return true;
        }, ct);
        _known[(pk, user.Id)] = (user.Name, timeZone);
    }

    public Task<string?> TimeZoneOfAsync(string tenant, string userId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = await Users.GetEntityIfExistsAsync<TableEntity>(Keys.Partition(tenant), Keys.User(userId), cancellationToken: ct);
            return row.HasValue ? row.Value?.GetString("TimeZone") : null;
        }, ct);

    public Task<IReadOnlyList<UserRef>> FindAsync(string tenant, string nameOrId, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var low = Keys.UserNamePrefix(TextKey.Normalize(nameOrId));
        var high = Keys.UpperBound(low);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}");
        return storage.RunAsync<IReadOnlyList<UserRef>>(async () =>
        {
            var byId = await Users.GetEntityIfExistsAsync<TableEntity>(pk, Keys.User(nameOrId), cancellationToken: ct);
            if (byId.HasValue && byId.Value is { } row)
            {
                return [new UserRef(row.GetString("UserId"), row.GetString("Name"))];
            }

            var users = new List<UserRef>();
            await foreach (var e in Users.QueryAsync<TableEntity>(filter, maxPerPage: 50, cancellationToken: ct))
            {
                users.Add(new UserRef(e.GetString("UserId"), e.GetString("Name")));
                if (users.Count >= 50)
                {
                    break;
                }
            }

            return users;
        }, ct);
    }

    private static TableEntity NameRow(string pk, UserRef user) =>
        new(pk, Keys.UserName(TextKey.Normalize(user.Name), user.Id)) { ["UserId"] = user.Id, ["Name"] = user.Name };
}
