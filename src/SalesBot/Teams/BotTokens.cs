using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace SalesBot.Teams;

/// <summary>
/// Outbound tokens for the Bot Connector by client credentials (MSAL), from the bot's home tenant; MSAL caches them
/// until shortly before expiry. <c>Teams:TokenEndpoint</c> can point the token request elsewhere (e.g. a local fake).
/// </summary>
internal sealed class BotTokens : IDisposable
{
    public const string Scope = "https://api.botframework.com/.default";
    public const string HttpClientName = "botframework-tokens";
    private readonly Lazy<IConfidentialClientApplication> _app;

    // One acquisition at a time, so concurrent first calls share one token request instead of each making their own.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public BotTokens(IOptions<TeamsOptions> options, IHttpClientFactory http)
    {
        // Built on first use: without Teams settings nothing here runs.
        var o = options.Value;
        _app = new(() => ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.AppPassword ?? string.Empty)
            .WithAuthority($"https://login.microsoftonline.com/{o.TenantId ?? "botframework.com"}")
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new Factory(http))
            .Build());
    }

    public async Task<string> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return (await _app.Value.AcquireTokenForClient([Scope]).ExecuteAsync(ct)).AccessToken;
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
