using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesBot.Tests.Infrastructure;

/// <summary>One call SalesBot made to the fake Bot Connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string? Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// The Bot Framework on loopback: OpenID metadata and JWKS (keys with endorsements), an Entra-style token endpoint, and a
/// Bot Connector under /amer/. Mints channel tokens the way the Bot Framework signs them.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "6f3a1c2e-8a5b-4d7e-9c1f-2b3a4c5d6e7f";
    public const string OutboundToken = "outbound-token-1";
    private WebApplication _app = null!;
    private readonly RsaSecurityKey _teamsKey = Key("teams-key");
    private readonly RsaSecurityKey _skypeKey = Key("skype-only-key");
    private readonly Channel<ConnectorCall> _calls = Channel.CreateUnbounded<ConnectorCall>();
    private readonly ConcurrentQueue<int> _faults = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _conversations;

    public Uri BaseUrl { get; private set; } = null!;

    public string ServiceUrl => new Uri(BaseUrl, "amer/").ToString();

    private int _metadataReads;
    private int _tokenRequests;

    public int MetadataReads => _metadataReads;

    /// <summary>While true, the OpenID metadata answers with a page that is not metadata.</summary>
    public bool MetadataDown { get; set; }

    public int TokenRequests => _tokenRequests;
    public ConcurrentBag<ConnectorCall> AllCalls { get; } = [];

    public static async Task<FakeBotFramework> StartAsync()
    {
        var fake = new FakeBotFramework();
        (fake._app, fake.BaseUrl) = await Loopback.StartAsync(app =>
        {
            app.MapGet("/metadata", async () =>
            {
                Interlocked.Increment(ref fake._metadataReads);
                if (fake.MetadataDown)
                {
                    // A broken answer, not an error status: the client's retries (on the app's fake clock) stay out of it.
                    await Task.Yield();
                    return Results.Text("<html>maintenance</html>", "text/html");
                }

                return Results.Json(new { issuer = "https://api.botframework.com", jwks_uri = new Uri(fake.BaseUrl, "keys").ToString(), id_token_signing_alg_values_supported = new[] { "RS256" } });
            });
            app.MapGet("/keys", () => Results.Json(new { keys = new[] { Jwk(fake._teamsKey, "msteams", "skype", "webchat", "directline"), Jwk(fake._skypeKey, "skype") } }));
            app.MapPost("/token", () =>
            {
                Interlocked.Increment(ref fake._tokenRequests);
                return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = OutboundToken });
            });
            app.Map("/amer/{**rest}", fake.ConnectorAsync);
        });
        return fake;
    }

    /// <summary>The settings that point SalesBot's Teams channel at this fake.</summary>
    /// <summary>A recorded Teams activity (<c>fixtures/teams/&lt;name&gt;</c>), its serviceUrl pointed at this fake.</summary>
    public JsonObject Fixture(string name)
    {
        var root = JsonNode.Parse(File.ReadAllText(SharedFiles.Path("fixtures/teams/" + name)))!.AsObject();
        var activity = (root["body"] ?? root).AsObject();
        activity["serviceUrl"] = ServiceUrl;
        return activity;
    }

    /// <summary>The recorded personal-chat message, with this text and activity id.</summary>
    public JsonObject PersonalMessage(string text, string id)
    {
        var activity = Fixture("01-personal-message.json");
        activity["text"] = text;
        activity["id"] = id;
        return activity;
    }

    /// <summary><c>POST /api/messages</c> with the activity and this Authorization header.</summary>
    public static HttpRequestMessage Post(JsonNode activity, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = "app-password",
        ["Teams:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        ["Teams:OpenIdMetadataUrl"] = new Uri(BaseUrl, "metadata").ToString(),
        ["Teams:TokenEndpoint"] = new Uri(BaseUrl, "token").ToString(),
    };

    /// <summary>A channel token as the Bot Framework issues it; each argument can be bent for a negative test.</summary>
    public string Token(DateTimeOffset now, string? serviceUrl = null, string issuer = "https://api.botframework.com", string audience = AppId,
        TimeSpan? validFrom = null, TimeSpan? lifetime = null, bool skypeOnlyKey = false, bool unknownKey = false, bool hmac = false)
    {
        SigningCredentials credentials = hmac
            ? new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "teams-key" }, SecurityAlgorithms.HmacSha256)
            : new SigningCredentials(unknownKey ? Key("rogue-key") : skypeOnlyKey ? _skypeKey : _teamsKey, SecurityAlgorithms.RsaSha256);
        var notBefore = now + (validFrom ?? TimeSpan.FromMinutes(-1));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore.UtcDateTime,
            IssuedAt = notBefore.UtcDateTime,
            Expires = (notBefore + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl ?? ServiceUrl)]),
            SigningCredentials = credentials,
        });
    }

    /// <summary>
    /// Every Connector call fails with this probability, from a fixed seed; the failures take turns: no answer at all
    /// (dropped before the Connector acts on it; recorded with status 0), 429, 500.
    /// </summary>
    public void FailRandomly(double rate, int seed) => _randomFaults = (new Random(seed), rate);

    private (Random Random, double Rate)? _randomFaults;
    private int _faultsDrawn;

    /// <summary>The next n Connector calls fail with this status.</summary>
    public void Fail(int status, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(status);
        }
    }

    public async Task<ConnectorCall> NextAsync(double seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await _calls.Reader.ReadAsync(timeout.Token);
    }

    public async Task<ConnectorCall?> TryNextAsync(double seconds)
    {
        try
        {
            return await NextAsync(seconds);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        _stopping.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Conversation members the Connector knows: Teams id (29:…) → Entra object id.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> Members { get; } = new();

    private async Task ConnectorAsync(HttpContext http)
    {
        if (http.Request.Method == "GET" && http.Request.Path.Value!.Contains("/members/", StringComparison.Ordinal))
        {
            // GET /v3/conversations/{id}/members/{memberId}: a member with their aadObjectId, or 404.
            var member = Uri.UnescapeDataString(http.Request.Path.Value[(http.Request.Path.Value.LastIndexOf('/') + 1)..]);
            await (Members.TryGetValue(member, out var aad)
                ? Results.Json(new { id = member, name = "Member", aadObjectId = aad })
                : Results.NotFound()).ExecuteAsync(http);
            return;
        }

        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        // The raw request target, as sent on the wire: path segments stay escaped.
        var target = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        var call = new ConnectorCall(http.Request.Method, target, http.Request.Headers.Authorization.ToString(), body);
        var status = 0;
        var failing = _faults.TryDequeue(out status);
        if (!failing && _randomFaults is { } random)
        {
            lock (random.Random)
            {
                if (random.Random.NextDouble() < random.Rate)
                {
                    (failing, status) = (true, (_faultsDrawn++ % 3) switch { 0 => 0, 1 => 429, _ => 500 });
                }
            }
        }

        if (failing)
        {
            AllCalls.Add(call with { Method = call.Method + " " + status });
            if (status == 0)
            {
                await Hang.UntilAbortedAsync(http, _stopping.Token);
                return;
            }

            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(new { error = new { code = status == 429 ? "TooManyRequests" : "ServiceError", message = "try later" } });
            return;
        }

        AllCalls.Add(call);
        await _calls.Writer.WriteAsync(call);
        http.Response.StatusCode = 201;
        var isCreate = http.Request.Method == "POST" && http.Request.Path.Value!.EndsWith("/v3/conversations", StringComparison.Ordinal);
        await http.Response.WriteAsJsonAsync(isCreate
            ? new { id = $"a:created-{Interlocked.Increment(ref _conversations)}" }
            : new { id = "1:reply-" + Guid.NewGuid().ToString("N")[..8] });
    }

    private static RsaSecurityKey Key(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static object Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var p = key.Rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", kid = key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent), endorsements };
    }
}
