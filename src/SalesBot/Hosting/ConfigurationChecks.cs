namespace SalesBot.Hosting;

/// <summary>Start-up checks on the configuration as a whole.</summary>
internal static class ConfigurationChecks
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>
    /// App Service hands an app a Key Vault reference it could not resolve as its literal text; such a value would be
    /// used as a secret. Refuses to start, naming the settings (never their values).
    /// </summary>
    public static void RefuseUnresolvedKeyVaultReferences(IConfiguration configuration)
    {
        var unresolved = configuration.AsEnumerable()
            .Where(kv => kv.Value?.StartsWith(KeyVaultReference, StringComparison.OrdinalIgnoreCase) == true)
            .Select(kv => kv.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (unresolved.Length > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", unresolved)} {(unresolved.Length == 1 ? "is a Key Vault reference" : "are Key Vault references")} the host could not resolve. " +
                "Check that the secret exists in the vault (named with -- for :) and that the app's identity has the Key Vault Secrets User role (docs/deploy.md).");
        }
    }
}
