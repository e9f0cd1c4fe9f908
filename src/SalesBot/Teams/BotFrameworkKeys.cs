using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SalesBot.Teams;

/// <summary>A signing key and the channels it is endorsed for.</summary>
internal sealed record EndorsedKey(SecurityKey Key, IReadOnlyList<string> Endorsements);

/// <summary>
/// The Bot Framework signing keys: OpenID metadata → jwks_uri → keys with their <c>endorsements</c>. Refreshed daily;
/// a token with an unknown key id triggers a refresh at most once an hour.
/// Spec: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
/// </summary>
internal sealed class BotFrameworkKeys(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<BotFrameworkKeys> logger) : IDisposable
{
    public const string HttpClientName = "botframework-keys";
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(24);
    private static readonly TimeSpan UnknownKeyRefreshGap = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private Dictionary<string, EndorsedKey> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public async Task<EndorsedKey?> FindAsync(string kid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _loadedAt > RefreshEvery || (!_keys.ContainsKey(kid) && now - _loadedAt > UnknownKeyRefreshGap))
        {
            await RefreshAsync(ct);
        }

        return _keys.GetValueOrDefault(kid);
    }

    public void Dispose() => _lock.Dispose();

    private async Task RefreshAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            var client = http.CreateClient(HttpClientName);
            using var metadata = JsonDocument.Parse(await client.GetStringAsync(options.Value.OpenIdMetadataUrl, ct));
            var jwksUri = new Uri(metadata.RootElement.GetProperty("jwks_uri").GetString()!);
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
            _loadedAt = clock.GetUtcNow();
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            logger.LogWarning("Could not load Bot Framework signing keys: {Reason}", e.Message);
            _loadedAt = clock.GetUtcNow();
        }
        finally
        {
            _lock.Release();
        }
    }
}
