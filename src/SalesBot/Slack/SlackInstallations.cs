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
/// <c>Slack:TokenEncryptionKey</c>). Tokens are never logged.
/// </summary>
internal sealed class SlackInstallations(TableStorage storage, IOptions<SlackOptions> options)
{
    public const string Table = "SlackInstallations";
    private const string Partition = "slack";

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

        return await storage.RunAsync(async () =>
        {
            var row = await Installs.GetEntityIfExistsAsync<TableEntity>(Partition, Keys.Partition(tenant), cancellationToken: ct);
            return row.HasValue && row.Value is { } e
                ? new SlackInstallation(tenant, Decrypt(e.GetString("Token")), e.GetString("BotUserId"))
                : null;
        }, ct);
    }

    public Task SaveAsync(SlackInstallation install, string? installedBy, string? scopes, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = new TableEntity(Partition, Keys.Partition(install.Tenant))
            {
                ["Tenant"] = install.Tenant,
                ["Token"] = Encrypt(install.BotToken),
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

    private byte[] Key => Convert.FromBase64String(options.Value.TokenEncryptionKey ?? throw new InvalidOperationException("Slack:TokenEncryptionKey is not set."));

    private string Encrypt(string token)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(token);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(Key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    private string Decrypt(string stored)
    {
        var all = Convert.FromBase64String(stored);
        var nonce = all.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var tag = all.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        var cipher = all.AsSpan(nonce.Length + tag.Length);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(Key, tag.Length);
        aes.Decrypt(nonce, cipher, tag, plain);
        return Encoding.UTF8.GetString(plain);
    }
}
