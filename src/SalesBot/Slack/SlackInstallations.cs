using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SalesBot.Storage;

namespace SalesBot.Slack;

/// <summary>A workspace (or an Enterprise Grid org) that installed SalesBot.</summary>
internal sealed record SlackInstallation(string Tenant, string BotToken, string? BotUserId);

/// <summary>
/// Bot tokens per workspace. Single-workspace mode answers every team with <c>Slack:BotToken</c>; multi-workspace mode
/// keeps OAuth installs in the <c>SlackInstallations</c> table with the token encrypted (AES-GCM, key from
/// <c>Slack:TokenEncryptionKey</c>). Each ciphertext names its key and is bound to its workspace (the team is the
/// associated data), so a token copied to another workspace's row does not decrypt. A token sealed with one of
/// <c>Slack:PreviousTokenEncryptionKeys</c> is sealed again with the current key when it is read (or by
/// <c>admin reseal-slack-tokens</c>). Tokens are never logged.
/// </summary>
internal sealed class SlackInstallations(TableStorage storage, IOptions<SlackOptions> options, ILogger<SlackInstallations> logger)
{
    public const string Table = "SlackInstallations";
    private const string Partition = "slack";

    /// <summary>Sealed tokens read "v2.{key id}.{base64 of nonce, tag, ciphertext}"; earlier ones are the base64 alone.</summary>
    private const string Version = "v2";

    private TableClient Installs => storage.Table(Table);

    /// <summary>Marks an install state as used; false when it was used before (a replayed callback).</summary>
    public Task<bool> TryUseStateAsync(string nonce, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                await Installs.AddEntityAsync(new TableEntity("state", Keys.Partition(nonce)), ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return false;
            }
        }, ct);

    public async Task<SlackInstallation?> FindAsync(string tenant, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.MultiWorkspace)
        {
            return string.IsNullOrWhiteSpace(o.BotToken) ? null : new SlackInstallation(tenant, o.BotToken, null);
        }

        var row = await storage.RunAsync(async () =>
        {
            var found = await Installs.GetEntityIfExistsAsync<TableEntity>(Partition, Keys.Partition(tenant), cancellationToken: ct);
            return found.HasValue ? found.Value : null;
        }, ct);
        if (row is null)
        {
            return null;
        }

        var token = Open(tenant, row.GetString("Token"), out var current);
        if (token is null)
        {
            logger.LogError("The stored bot token of {Tenant} cannot be opened with Slack:TokenEncryptionKey or Slack:PreviousTokenEncryptionKeys; the workspace must install SalesBot again.", tenant);
            return null;
        }

        if (!current)
        {
            await ResealAsync(row, tenant, token, ct);
        }

        return new SlackInstallation(tenant, token, row.GetString("BotUserId"));
    }

    /// <summary>Seals every stored token that is not sealed with the current key yet; returns how many were, and how many cannot be opened.</summary>
    public async Task<(int Resealed, int Unreadable)> ResealAllAsync(CancellationToken ct)
    {
        var (resealed, unreadable) = (0, 0);
        await foreach (var row in Installs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            var tenant = row.GetString("Tenant") ?? row.RowKey;
            var token = Open(tenant, row.GetString("Token"), out var current);
            if (token is null)
            {
                unreadable++;
            }
            else if (!current)
            {
                await ResealAsync(row, tenant, token, ct);
                resealed++;
            }
        }

        return (resealed, unreadable);
    }

    public Task SaveAsync(SlackInstallation install, string? installedBy, string? scopes, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = new TableEntity(Partition, Keys.Partition(install.Tenant))
            {
                ["Tenant"] = install.Tenant,
                ["Token"] = Seal(install.Tenant, install.BotToken),
                ["BotUserId"] = install.BotUserId,
                ["InstalledBy"] = installedBy,
                ["Scopes"] = scopes,
            };
            await Installs.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
            return true;
        }, ct);

    public Task RemoveAsync(string tenant, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                await Installs.DeleteEntityAsync(Partition, Keys.Partition(tenant), ETag.All, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }

            return true;
        }, ct);

    /// <summary>A short, stable name of a key, stored beside each ciphertext (not secret: a hash prefix of the key).</summary>
    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];

    /// <summary>Replaces the token conditionally: a row changed meanwhile (a new install) is left as it is.</summary>
    private Task ResealAsync(TableEntity row, string tenant, string token, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            try
            {
                await Installs.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Token"] = Seal(tenant, token) }, row.ETag, TableUpdateMode.Merge, ct);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }

            return true;
        }, ct);

    private byte[] CurrentKey => Convert.FromBase64String(options.Value.TokenEncryptionKey ?? throw new InvalidOperationException("Slack:TokenEncryptionKey is not set."));

    private IEnumerable<byte[]> AllKeys => [CurrentKey, .. options.Value.PreviousTokenEncryptionKeys.Select(Convert.FromBase64String)];

    private string Seal(string tenant, string token)
    {
        var key = CurrentKey;
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(token);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(tenant));
        return $"{Version}.{KeyId(key)}.{Convert.ToBase64String([.. nonce, .. tag, .. cipher])}";
    }

    /// <summary>The token, or null when no configured key opens it for this workspace; <paramref name="current"/> says it is sealed as <see cref="Seal"/> would.</summary>
    private string? Open(string tenant, string? stored, out bool current)
    {
        current = false;
        if (stored is null)
        {
            return null;
        }

        var parts = stored.Split('.');
        var (keyId, body, bound) = parts is [Version, var id, var b] ? (id, b, true) : (null, stored, false);
        foreach (var key in AllKeys.Where(k => keyId is null || KeyId(k) == keyId))
        {
            if (TryOpen(key, body, bound ? Encoding.UTF8.GetBytes(tenant) : null) is { } token)
            {
                current = bound && key.AsSpan().SequenceEqual(CurrentKey);
                return token;
            }
        }

        return null;
    }

    private static string? TryOpen(byte[] key, string body, byte[]? associatedData)
    {
        try
        {
            var all = Convert.FromBase64String(body);
            var nonce = all.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
            var tag = all.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
            var cipher = all.AsSpan(nonce.Length + tag.Length);
            var plain = new byte[cipher.Length];
            using var aes = new AesGcm(key, tag.Length);
            aes.Decrypt(nonce, cipher, tag, plain, associatedData);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
