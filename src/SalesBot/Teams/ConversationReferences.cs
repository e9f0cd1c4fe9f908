using Azure;
using Azure.Data.Tables;
using SalesBot.Storage;
using SalesBot.Tenants;

namespace SalesBot.Teams;

/// <summary>Where a Teams user can be reached: enough to message them later without them writing first.</summary>
internal sealed record UserReference(string Tenant, string UserId, string UserChannelId, string ServiceUrl, string BotId, string TenantId,
    string? PersonalConversationId, string? TimeZone, string? Locale);

/// <summary>
/// Conversation references per tenant, from verified activities only: <c>u|{user}</c> per user (service URL, 29: id,
/// 1:1 chat once known, time zone, locale) and <c>c|{conversation}</c> per chat or team the bot was added to.
/// </summary>
internal sealed class ConversationReferences(TableStorage storage)
{
    public const string Table = "TeamsConversations";
    private readonly BoundedCache<(string, string), UserReference> _seen = new(100_000);
    private readonly BoundedCache<(string, string), bool> _channels = new(10_000);

    private TableClient Rows => storage.Table(Table);

    public async Task RememberUserAsync(UserReference reference, CancellationToken ct)
    {
        var key = (reference.Tenant, reference.UserId);
        if (_seen.TryGetValue(key, out var known) && known == reference)
        {
            return;
        }

        var row = new TableEntity(Keys.Partition(reference.Tenant), "u|" + Keys.Partition(reference.UserId))
        {
            ["UserId"] = reference.UserId,
            ["UserChannelId"] = reference.UserChannelId,
            ["ServiceUrl"] = reference.ServiceUrl,
            ["BotId"] = reference.BotId,
            ["TenantId"] = reference.TenantId,
        };
        Set(row, "PersonalConversationId", reference.PersonalConversationId);
        Set(row, "TimeZone", reference.TimeZone);
        Set(row, "Locale", reference.Locale);
        await storage.RunAsync(async () => await Rows.UpsertEntityAsync(row, TableUpdateMode.Merge, ct), ct);
        _seen.Set(key, reference);
    }

    public Task<UserReference?> FindUserAsync(string tenant, string userId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = await Rows.GetEntityIfExistsAsync<TableEntity>(Keys.Partition(tenant), "u|" + Keys.Partition(userId), cancellationToken: ct);
            return row.HasValue && row.Value is { } e
                ? new UserReference(tenant, e.GetString("UserId"), e.GetString("UserChannelId"), e.GetString("ServiceUrl"), e.GetString("BotId"),
                    e.GetString("TenantId"), e.GetString("PersonalConversationId"), e.GetString("TimeZone"), e.GetString("Locale"))
                : null;
        }, ct);

    public Task RememberConversationAsync(string tenant, string conversationId, string conversationType, string serviceUrl, string botId, CancellationToken ct) =>
        storage.RunAsync(async () => await Rows.UpsertEntityAsync(
            new TableEntity(Keys.Partition(tenant), "c|" + Keys.Partition(conversationId))
            {
                ["ConversationId"] = conversationId,
                ["ConversationType"] = conversationType,
                ["ServiceUrl"] = serviceUrl,
                ["BotId"] = botId,
            },
            TableUpdateMode.Replace, ct), ct);

    /// <summary>The service URL and bot id of a conversation the bot is in (a chat, a team, a team's channel), or null.</summary>
    public Task<(string ServiceUrl, string BotId, string Type)?> FindConversationAsync(string tenant, string conversationId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = await Rows.GetEntityIfExistsAsync<TableEntity>(Keys.Partition(tenant), "c|" + Keys.Partition(conversationId), cancellationToken: ct);
            return row.HasValue && row.Value is { } e
                ? (e.GetString("ServiceUrl"), e.GetString("BotId"), e.GetString("ConversationType")) : ((string, string, string)?)null;
        }, ct);

    /// <summary>Remembers a team channel the bot heard from (a message that mentioned it there), once per process.</summary>
    public async Task RememberChannelAsync(string tenant, string channelId, string serviceUrl, string botId, CancellationToken ct)
    {
        if (_channels.TryGetValue((tenant, channelId), out _))
        {
            return;
        }

        await RememberConversationAsync(tenant, channelId, "channel", serviceUrl, botId, ct);
        _channels.Set((tenant, channelId), true);
    }

    public Task<bool> HasConversationAsync(string tenant, string conversationId, CancellationToken ct) =>
        storage.RunAsync(async () =>
            (await Rows.GetEntityIfExistsAsync<TableEntity>(Keys.Partition(tenant), "c|" + Keys.Partition(conversationId), cancellationToken: ct)).HasValue, ct);

    public Task ForgetConversationAsync(string tenant, string conversationId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                await Rows.DeleteEntityAsync(Keys.Partition(tenant), "c|" + Keys.Partition(conversationId), ETag.All, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }

            return true;
        }, ct);

    private static void Set(TableEntity row, string key, string? value)
    {
        if (value is not null)
        {
            row[key] = value;
        }
    }
}
