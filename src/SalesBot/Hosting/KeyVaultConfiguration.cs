using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace SalesBot.Hosting;

/// <summary>
/// <c>KeyVault:Uri</c> adds a Key Vault's secrets to the configuration, read once at start-up with the app's identity:
/// a secret named <c>Slack--SigningSecret</c> becomes <c>Slack:SigningSecret</c> (vault names allow letters, digits
/// and "-"). For hosts without Key Vault references (App Service has them; the template in deploy/ uses those).
/// </summary>
internal static class KeyVaultConfiguration
{
    public const string UriKey = "KeyVault:Uri";

    /// <summary>Adds the vault named by <see cref="UriKey"/>, if any; <paramref name="credential"/> and <paramref name="options"/> are for tests.</summary>
    public static void AddKeyVaultIfConfigured(this IConfigurationManager configuration, TokenCredential? credential = null, SecretClientOptions? options = null)
    {
        if (configuration[UriKey] is not { Length: > 0 } text)
        {
            return;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"{UriKey} must be the vault's https address, e.g. https://<vault>.vault.azure.net/.");
        }

        var clientId = configuration["KeyVault:ManagedIdentityClientId"] ?? configuration["Storage:ManagedIdentityClientId"];
        credential ??= string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        configuration.Add(new KeyVaultSecretsSource(new SecretClient(uri, credential, options)));
    }

    /// <summary>The configuration key a vault secret stands for.</summary>
    public static string KeyFor(string secretName) => secretName.Replace("--", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
}

internal sealed class KeyVaultSecretsSource(SecretClient client) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new KeyVaultSecretsProvider(client);
}

/// <summary>Every enabled, unexpired secret of the vault, loaded at start-up (configuration providers load synchronously).</summary>
internal sealed class KeyVaultSecretsProvider(SecretClient client) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var secret in client.GetPropertiesOfSecrets())
        {
            if (secret.Enabled != true || (secret.ExpiresOn is { } expires && expires <= TimeProvider.System.GetUtcNow()) || secret.Managed)
            {
                continue;
            }

            data[KeyVaultConfiguration.KeyFor(secret.Name)] = client.GetSecret(secret.Name).Value.Value;
        }

        Data = data;
    }
}
