using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SalesBot.Teams;

/// <summary>A signing key and the channels it is endorsed for.</summary>
internal sealed record EndorsedKey(SecurityKey Key, IReadOnlyList<string> Endorsements);

/// <summary>
/// The Bot Framework signing keys: OpenID metadata → jwks_uri → keys with their <c>endorsements</c>, over HTTPS only
/// (plain HTTP only to this machine, for tests). Refreshed daily; a token with an unknown key id triggers a refresh at
/// most once an hour; a burst of them waits for one fetch. A failed fetch keeps the keys there are and is tried again
/// after a backoff (1 minute, doubling to an hour), so a failed first load does not leave Teams down for long.
/// Spec: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
/// </summary>
internal sealed class BotFrameworkKeys(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<BotFrameworkKeys> logger) : IDisposable
{
    public const string HttpClientName = "botframework-keys";
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(24);
    private static readonly TimeSpan UnknownKeyRefreshGap = TimeSpan.FromHours(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private Dictionary<string, EndorsedKey> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _triedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private int _failures;

    public async Task<EndorsedKey?> FindAsync(string kid, CancellationToken ct)
    {
        if (Due(kid, clock.GetUtcNow()))
        {
            await _lock.WaitAsync(ct);
            try
            {
                // Whoever waited behind a fetch finds it done.
                if (Due(kid, clock.GetUtcNow()))
                {
                    await RefreshAsync(ct);
                }
            }
            finally
            {
                _lock.Release();
            }
        }

        return _keys.GetValueOrDefault(kid);
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>True when only http to this machine is used; anything else must be https.</summary>
    public static bool IsSafe(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost"));

    private bool Due(string kid, DateTimeOffset now) =>
        now >= _retryAt
        && (_keys.Count == 0 || now - _loadedAt > RefreshEvery || (!_keys.ContainsKey(kid) && now - _triedAt > UnknownKeyRefreshGap));

    private async Task RefreshAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        _triedAt = started;
        try
        {
            var client = http.CreateClient(HttpClientName);
            var metadataUrl = options.Value.OpenIdMetadataUrl;
            if (!IsSafe(metadataUrl))
            {
                throw new InvalidOperationException($"the OpenID metadata address {metadataUrl} is not HTTPS");
            }

            using var metadata = JsonDocument.Parse(await client.GetStringAsync(metadataUrl, ct));
            var jwksUri = new Uri(metadata.RootElement.GetProperty("jwks_uri").GetString()!);
            if (!IsSafe(jwksUri))
            {
                throw new InvalidOperationException($"the key set address {jwksUri} is not HTTPS");
            }

            using var jwks = JsonDocument.Parse(await client.GetStringAsync(jwksUri, ct));
            var keys = new Dictionary<string, EndorsedKey>(StringComparer.Ordinal);
            foreach (var k in jwks.RootElement.GetProperty("keys").EnumerateArray())
            {
                var jwk = new JsonWebKey(k.GetRawText());
                if (string.IsNullOrEmpty(jwk.Kid))
                {
                    continue;
                }

                var endorsements = k.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                    ? e.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray()
                    : [];
                keys[jwk.Kid] = new EndorsedKey(jwk, endorsements);
            }

            _keys = keys;
            _loadedAt = started;
            (_failures, _retryAt) = (0, started);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Timeouts included: every failure keeps the old keys and waits its backoff, never a 500 per request.
            _failures++;
            var backoff = TimeSpan.FromTicks(Math.Min(FirstBackoff.Ticks << Math.Min(_failures - 1, 10), UnknownKeyRefreshGap.Ticks));
            _retryAt = started + backoff;
            logger.LogWarning("Could not load Bot Framework signing keys ({Reason}); trying again in {Backoff}.", e.Message, backoff);
        }
    }
}
