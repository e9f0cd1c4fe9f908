namespace SalesBot.Teams;

/// <summary>The <c>Teams</c> section. Without <see cref="AppId"/> the Teams endpoint does not exist.</summary>
internal sealed class TeamsOptions
{
    public const string Section = "Teams";
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The Microsoft App ID (Entra application id) of the Azure Bot.</summary>
    public string? AppId { get; set; }

    /// <summary>The client secret of that application.</summary>
    public string? AppPassword { get; set; }

    /// <summary>
    /// Instead of <see cref="AppPassword"/>: the client id of the user-assigned managed identity the Azure Bot is
    /// (bot type UserAssignedMSI; then it is also <see cref="AppId"/>). Outbound tokens come from the host's identity
    /// endpoint; there is no secret.
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The bot's home tenant (single-tenant bot): outbound tokens come from this tenant.</summary>
    public string? TenantId { get; set; }

    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>Where outbound tokens are requested; by default https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>
    /// Hosts SalesBot may send a bearer token to, besides those seen on verified activities; a leading "*." matches
    /// subdomains.
    /// </summary>
    public List<string> AllowedServiceHosts { get; set; } = ["smba.trafficmanager.net", "*.teams.microsoft.com", "*.teams.microsoft.us"];

    /// <summary>Tenant ids whose Teams may use the bot; empty: any (a multi-tenant app). Single-tenant installations set their own.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    public Uri EffectiveTokenEndpoint => TokenEndpoint ?? new Uri($"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token");
}
