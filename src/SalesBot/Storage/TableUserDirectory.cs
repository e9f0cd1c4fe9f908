using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Storage;

/// <summary>
/// People per tenant: <c>u|{id}</c> holds the name, time zone, e-mail, client locale and chosen language,
/// <c>n|{name}|{id}</c> finds a user by name (prefix), <c>e|{email}|{id}</c> by the e-mail their channel gave. A user is
/// written once per process and again only when something about them changes.
/// </summary>
internal sealed class TableUserDirectory(TableStorage storage, TimeProvider clock) : IUserDirectory
{
    /// <summary>How long another instance may keep answering in the old language after someone chose a new one.</summary>
    private static readonly TimeSpan ChoiceKeptFor = TimeSpan.FromSeconds(30);

    /// <summary>Who was written recently, so a known user costs no storage call; bounded, like every per-user cache.</summary>
    private readonly BoundedCache<(string Pk, string Id), (string Name, string? Zone, string? Email, string? Locale)> _known = new(100_000);

    /// <summary>Chosen languages read recently (null: none chosen), so a message costs no storage call to pick its language.</summary>
    private readonly BoundedCache<(string Pk, string Id), (string? Language, DateTimeOffset Until)> _languages = new(100_000);

    private TableClient Users => storage.Table(TableStorage.UsersTable);

    public async Task RememberAsync(string tenant, UserRef user, string? timeZone, string? email, string? locale, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        email = NormalEmail(email);
        locale = string.IsNullOrWhiteSpace(locale) || locale.Length > 35 ? null : locale.Trim();
        if (_known.TryGetValue((pk, user.Id), out var known) && known.Name == user.Name
            && (timeZone is null || known.Zone == timeZone) && (email is null || known.Email == email) && (locale is null || known.Locale == locale))
        {
            return;
        }

        await storage.RunAsync(async () =>
        {
            var existing = await Users.GetEntityIfExistsAsync<TableEntity>(pk, Keys.User(user.Id), cancellationToken: ct);
            var oldName = existing.HasValue ? existing.Value?.GetString("Name") : null;
            var oldZone = existing.HasValue ? existing.Value?.GetString("TimeZone") : null;
            var oldEmail = existing.HasValue ? existing.Value?.GetString("Email") : null;
            var oldLocale = existing.HasValue ? existing.Value?.GetString("Locale") : null;
            if (oldName != user.Name || (timeZone is not null && timeZone != oldZone) || (email is not null && email != oldEmail)
                || (locale is not null && locale != oldLocale))
            {
                // A merge: the language a person chose (written by ChooseLanguageAsync, maybe at the same moment) stays.
                var batch = new List<TableTransactionAction>
                {
                    new(TableTransactionActionType.UpsertMerge, new TableEntity(pk, Keys.User(user.Id))
                    {
                        ["UserId"] = user.Id, ["Name"] = user.Name, ["TimeZone"] = timeZone ?? oldZone, ["Email"] = email ?? oldEmail,
                        ["Locale"] = locale ?? oldLocale,
                    }),
                    new(TableTransactionActionType.UpsertReplace, NameRow(pk, user)),
                };
                if (oldName is not null && TextKey.Normalize(oldName) != TextKey.Normalize(user.Name))
                {
                    batch.Add(new(TableTransactionActionType.Delete, NameRow(pk, user with { Name = oldName }), Azure.ETag.All));
                }

                if (email is not null)
                {
                    batch.Add(new(TableTransactionActionType.UpsertReplace, EmailRow(pk, email, user)));
                    if (oldEmail is not null && oldEmail != email)
                    {
                        batch.Add(new(TableTransactionActionType.Delete, EmailRow(pk, oldEmail, user), Azure.ETag.All));
                    }
                }

                await Users.SubmitTransactionAsync(batch, ct);
            }

            return true;
        }, ct);
        _known.Set((pk, user.Id), (user.Name, timeZone, email, locale));
    }

    public Task<PersonProfile?> ProfileOfAsync(string tenant, string userId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = await Users.GetEntityIfExistsAsync<TableEntity>(Keys.Partition(tenant), Keys.User(userId), cancellationToken: ct);
            return row.HasValue && row.Value is { } r
                ? new PersonProfile(r.GetString("TimeZone"), r.GetString("Locale"), NoneIfEmpty(r.GetString("Language")))
                : null;
        }, ct);

    public async Task<string?> ChosenLanguageAsync(string tenant, string userId, CancellationToken ct)
    {
        var key = (Keys.Partition(tenant), userId);
        var now = clock.GetUtcNow();
        if (_languages.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Language;
        }

        var language = (await ProfileOfAsync(tenant, userId, ct))?.Language;
        _languages.Set(key, (language, now + ChoiceKeptFor));
        return language;
    }

    public async Task ChooseLanguageAsync(string tenant, UserRef user, string? language, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        await RememberAsync(tenant, user, null, null, null, ct);
        await storage.RunAsync(async () =>
        {
            // A merge, so a RememberAsync at the same moment keeps it; empty, not removed, for no choice (a merge cannot
            // remove a property).
            await Users.UpsertEntityAsync(new TableEntity(pk, Keys.User(user.Id)) { ["UserId"] = user.Id, ["Language"] = language ?? string.Empty }, TableUpdateMode.Merge, ct);
            return true;
        }, ct);
        _languages.Set((pk, user.Id), (language, clock.GetUtcNow() + ChoiceKeptFor));
    }

    private static string? NoneIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public Task<UserRef?> GetAsync(string tenant, string userId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = await Users.GetEntityIfExistsAsync<TableEntity>(Keys.Partition(tenant), Keys.User(userId), cancellationToken: ct);
            return row.HasValue && row.Value is { } r ? new UserRef(r.GetString("UserId"), r.GetString("Name")) : null;
        }, ct);

    public async Task<IReadOnlyList<UserRef>> FindAsync(string tenant, string nameOrId, CancellationToken ct)
    {
        if (await GetAsync(tenant, nameOrId, ct) is { } byId)
        {
            return [byId];
        }

        return await RangeAsync(Keys.Partition(tenant), Keys.UserNamePrefix(TextKey.Normalize(nameOrId)), ct);
    }

    public Task<IReadOnlyList<UserRef>> FindByNameAsync(string tenant, string name, CancellationToken ct) =>
        RangeAsync(Keys.Partition(tenant), Keys.UserNamePrefix(TextKey.Normalize(name)) + "|", ct);

    public Task<IReadOnlyList<UserRef>> FindByEmailAsync(string tenant, string email, CancellationToken ct) =>
        NormalEmail(email) is { } normal ? RangeAsync(Keys.Partition(tenant), Keys.UserEmailPrefix(normal) + "|", ct) : Task.FromResult<IReadOnlyList<UserRef>>([]);

    private Task<IReadOnlyList<UserRef>> RangeAsync(string pk, string low, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {Keys.UpperBound(low)}");
        return storage.RunAsync<IReadOnlyList<UserRef>>(async () =>
        {
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

    private static string? NormalEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) ? null : email.Trim().ToLowerInvariant();

    private static TableEntity NameRow(string pk, UserRef user) =>
        new(pk, Keys.UserName(TextKey.Normalize(user.Name), user.Id)) { ["UserId"] = user.Id, ["Name"] = user.Name };

    private static TableEntity EmailRow(string pk, string email, UserRef user) =>
        new(pk, Keys.UserEmailPrefix(email) + "|" + Keys.Escaped(user.Id)) { ["UserId"] = user.Id, ["Name"] = user.Name };
}
