using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace SalesBot.Teams;

/// <summary>
/// Outbound tokens for the Bot Connector (MSAL, which caches them until shortly before expiry): by client credentials
/// from the bot's home tenant, or, with <c>Teams:ManagedIdentityClientId</c>, from the host's managed identity
/// endpoint (no secret). <c>Teams:TokenEndpoint</c> can point client-credential requests elsewhere (e.g. a local fake).
/// </summary>
internal sealed class BotTokens : IDisposable
{
    public const string Scope = "https://api.botframework.com/.default";
    public const string Resource = "https://api.botframework.com";
    public const string HttpClientName = "botframework-tokens";
    private readonly Func<CancellationToken, Task<string>> _acquire;

    // One acquisition at a time, so concurrent first calls share one token request instead of each making their own.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public BotTokens(IOptions<TeamsOptions> options, IHttpClientFactory http)
    {
        // Built on first use: without Teams settings nothing here runs.
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ManagedIdentityClientId))
        {
            var identity = new Lazy<IManagedIdentityApplication>(() => ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(o.ManagedIdentityClientId))
                .WithHttpClientFactory(new Factory(http))
                .Build());
            _acquire = async ct => (await identity.Value.AcquireTokenForManagedIdentity(Resource).ExecuteAsync(ct)).AccessToken;
            return;
        }

        var app = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.AppPassword ?? string.Empty)
            .WithAuthority($"https://login.microsoftonline.com/{o.TenantId ?? "botframework.com"}")
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new Factory(http))
            .Build());
        _acquire = async ct => (await app.Value.AcquireTokenForClient([Scope]).ExecuteAsync(ct)).AccessToken;
    }

    public async Task<string> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await _acquire(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Gives MSAL the app's HTTP stack.</summary>
    private sealed class Factory(IHttpClientFactory http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http.CreateClient(HttpClientName);
    }
}

/// <summary>With <c>Teams:TokenEndpoint</c> set, MSAL's token requests go there instead of Entra's default endpoint.</summary>
internal sealed class TokenEndpointRedirect(Uri tokenEndpoint) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) == true)
        {
            request.RequestUri = tokenEndpoint;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
