using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using SalesBot.Slack;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Slack;

/// <summary>Stored workspace tokens: bound to their workspace, named by key, and readable across a key rotation.</summary>
public sealed class SlackTokenSealTests
{
    private static readonly string Key1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Key2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _prefix = "seal" + Guid.NewGuid().ToString("N")[..8];

    private Task<SalesBotApp> StartAsync(string key, params string[] previous)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:ClientId"] = "1.2",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:RedirectUrl"] = "https://bot.example/api/slack/oauth/callback",
            ["Slack:TokenEncryptionKey"] = key,
        };
        for (var i = 0; i < previous.Length; i++)
        {
            settings[$"Slack:PreviousTokenEncryptionKeys:{i}"] = previous[i];
        }

        return SalesBotApp.StartAsync(settings, tablePrefix: _prefix);
    }

    private async Task<TableClient> TableAsync() =>
        new TableServiceClient(await Azurite.ConnectionStringAsync()).GetTableClient(_prefix + SlackInstallations.Table);

    private async Task<string> StoredAsync(string tenant) => (await (await TableAsync()).GetEntityAsync<TableEntity>("slack", tenant)).Value.GetString("Token");

    private static string KeyId(string key) => SlackInstallations.KeyId(Convert.FromBase64String(key));

    [Fact]
    public async Task A_token_copied_into_another_workspaces_row_does_not_open()
    {
        await using var app = await StartAsync(Key1);
        var installs = app.Service<SlackInstallations>();
        await installs.SaveAsync(new SlackInstallation("slack-T1", "xoxb-one", "B1"), "UANN", "chat:write", CancellationToken.None);
        await installs.SaveAsync(new SlackInstallation("slack-T2", "xoxb-two", "B2"), "UBOB", "chat:write", CancellationToken.None);

        var stolen = await StoredAsync("slack-T1");
        Assert.StartsWith($"v2.{KeyId(Key1)}.", stolen);
        var table = await TableAsync();
        var victim = (await table.GetEntityAsync<TableEntity>("slack", "slack-T2")).Value;
        victim["Token"] = stolen;
        await table.UpdateEntityAsync(victim, victim.ETag);

        Assert.Null(await installs.FindAsync("slack-T2", CancellationToken.None));
        Assert.Equal("xoxb-one", (await installs.FindAsync("slack-T1", CancellationToken.None))!.BotToken);
    }

    [Fact]
    public async Task After_a_key_rotation_every_workspace_still_works_and_its_token_is_sealed_again_with_the_new_key()
    {
        await using (var before = await StartAsync(Key1))
        {
            await before.Service<SlackInstallations>().SaveAsync(new SlackInstallation("slack-T1", "xoxb-one", "B1"), "UANN", null, CancellationToken.None);
        }

        // A token stored by an earlier version: sealed without key id or workspace binding.
        await (await TableAsync()).UpsertEntityAsync(new TableEntity("slack", "slack-T2") { ["Tenant"] = "slack-T2", ["Token"] = EarlierSeal(Key1, "xoxb-two") });

        await using (var rotated = await StartAsync(Key2, Key1))
        {
            var installs = rotated.Service<SlackInstallations>();
            Assert.Equal("xoxb-one", (await installs.FindAsync("slack-T1", CancellationToken.None))!.BotToken);
            Assert.StartsWith($"v2.{KeyId(Key2)}.", await StoredAsync("slack-T1"));

            var output = new StringWriter();
            Assert.Equal(0, await AdminCommands.RunAsync(rotated.Services, ["admin", "reseal-slack-tokens"], output));
            Assert.Equal("Resealed 1 workspace token with the current key.", output.ToString().Trim());
            Assert.StartsWith($"v2.{KeyId(Key2)}.", await StoredAsync("slack-T2"));
        }

        await using var after = await StartAsync(Key2);
        var afterInstalls = after.Service<SlackInstallations>();
        Assert.Equal("xoxb-one", (await afterInstalls.FindAsync("slack-T1", CancellationToken.None))!.BotToken);
        Assert.Equal("xoxb-two", (await afterInstalls.FindAsync("slack-T2", CancellationToken.None))!.BotToken);
    }

    [Fact]
    public async Task A_token_no_configured_key_opens_is_reported_and_not_used()
    {
        await using (var before = await StartAsync(Key1))
        {
            await before.Service<SlackInstallations>().SaveAsync(new SlackInstallation("slack-T1", "xoxb-one", "B1"), "UANN", null, CancellationToken.None);
        }

        await using var app = await StartAsync(Key2);
        Assert.Null(await app.Service<SlackInstallations>().FindAsync("slack-T1", CancellationToken.None));
        var output = new StringWriter();
        Assert.Equal(1, await AdminCommands.RunAsync(app.Services, ["admin", "reseal-slack-tokens"], output));
        Assert.Contains("1 token could not be opened with any configured key", output.ToString());
    }

    /// <summary>How tokens were sealed before key ids: AES-GCM, nonce, tag and ciphertext in base64, no associated data.</summary>
    private static string EarlierSeal(string key, string token)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = Encoding.UTF8.GetBytes(token);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(Convert.FromBase64String(key), 16);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }
}
