using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using SalesBot.Hosting;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Hosting;

/// <summary>Secrets from Key Vault become configuration keys; unresolved references stop the app.</summary>
public class KeyVaultConfigurationTests
{
    [Theory]
    [InlineData("Slack--SigningSecret", "Slack:SigningSecret")]
    [InlineData("Slack--PreviousTokenEncryptionKeys--0", "Slack:PreviousTokenEncryptionKeys:0")]
    [InlineData("Teams--AppPassword", "Teams:AppPassword")]
    [InlineData("APPLICATIONINSIGHTS-CONNECTION-STRING", "APPLICATIONINSIGHTS-CONNECTION-STRING")]
    public void A_vault_secret_name_maps_to_its_configuration_key(string secret, string key) =>
        Assert.Equal(key, KeyVaultConfiguration.KeyFor(secret));

    [Fact]
    public void The_vaults_enabled_secrets_are_read_into_configuration_with_the_apps_identity()
    {
        var vault = new FakeVault(new()
        {
            ["Slack--SigningSecret"] = ("s3cret", true),
            ["Teams--AppPassword"] = ("p4ss", true),
            ["Old--Secret"] = ("gone", false),
        });
        var configuration = new ConfigurationManager();
        configuration["KeyVault:Uri"] = "https://salesbot-kv.vault.azure.net/";

        configuration.AddKeyVaultIfConfigured(new StaticToken(), new SecretClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(vault)),
            DisableChallengeResourceVerification = true,
            Retry = { MaxRetries = 0 },
        });

        Assert.Equal("s3cret", configuration["Slack:SigningSecret"]);
        Assert.Equal("p4ss", configuration["Teams:AppPassword"]);
        Assert.Null(configuration["Old:Secret"]);
        Assert.All(vault.Authorizations.Where(a => a.Length > 0), a => Assert.Equal("Bearer vault-token", a));
    }

    [Fact]
    public void A_vault_address_that_is_not_https_is_refused()
    {
        var configuration = new ConfigurationManager();
        configuration["KeyVault:Uri"] = "http://salesbot-kv.vault.azure.net/";

        var failure = Assert.Throws<InvalidOperationException>(() => configuration.AddKeyVaultIfConfigured(new StaticToken()));

        Assert.Contains("KeyVault:Uri must be the vault's https address", failure.Message);
    }

    [Fact]
    public async Task An_unresolved_key_vault_reference_stops_the_app_naming_the_setting_not_its_value()
    {
        var failure = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => SalesBotApp.StartAsync(new()
        {
            ["Slack:SigningSecret"] = "@Microsoft.KeyVault(VaultName=salesbot-kv;SecretName=Slack--SigningSecret)",
        }, environment: "Production"));

        Assert.StartsWith("Slack:SigningSecret is a Key Vault reference the host could not resolve.", failure.Message);
    }

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("vault-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>The Key Vault REST API as far as listing and reading secrets goes, behind its bearer challenge.</summary>
    private sealed class FakeVault(Dictionary<string, (string Value, bool Enabled)> secrets) : HttpMessageHandler
    {
        public List<string> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));

        // Configuration providers load synchronously, so the SDK calls the synchronous path.
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authorization = request.Headers.Authorization?.ToString() ?? string.Empty;
            Authorizations.Add(authorization);
            if (authorization.Length == 0)
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.TryAddWithoutValidation("WWW-Authenticate",
                    "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"");
                return challenge;
            }

            var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
            var host = $"https://{request.RequestUri.Host}";
            string json;
            if (path == "/secrets")
            {
                var items = secrets.Select(s => $$$"""{"id":"{{{host}}}/secrets/{{{s.Key}}}","attributes":{"enabled":{{{(s.Value.Enabled ? "true" : "false")}}}}}""");
                json = $$"""{"value":[{{string.Join(",", items)}}],"nextLink":null}""";
            }
            else
            {
                var name = path["/secrets/".Length..].Split('/')[0];
                json = $$$"""{"value":"{{{secrets[name].Value}}}","id":"{{{host}}}/secrets/{{{name}}}/v1","attributes":{"enabled":true}}""";
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
