using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesBot.Teams;

/// <summary>
/// Checks the bearer token on an inbound activity, per the Bot Framework channel checklist: Bearer scheme; issuer
/// https://api.botframework.com; RS256 signature by a published key endorsed for the activity's channel; 5 minutes of
/// clock skew; audience = our app id; serviceurl claim = the activity's serviceUrl.
/// Spec: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
/// </summary>
/// <summary>A bearer token whose signature, issuer, audience and lifetime were checked.</summary>
internal sealed record VerifiedToken(string? ServiceUrl, IReadOnlyCollection<string> Endorsements);

internal sealed class TeamsTokenValidator(BotFrameworkKeys keys, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<TeamsTokenValidator> logger)
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The token's checks that need no activity, made before the body is read: null when the token is bad.</summary>
    public async Task<VerifiedToken?> VerifyAsync(string? authorization, CancellationToken ct)
    {
        var (token, reason) = await VerifyTokenAsync(authorization, ct);
        if (reason is not null)
        {
            logger.LogWarning("Rejected a Teams activity: {Reason}", reason);
        }

        return token;
    }

    /// <summary>The checks that tie a verified token to the activity it came with.</summary>
    public bool Matches(VerifiedToken token, Activity activity)
    {
        var reason = string.IsNullOrEmpty(activity.ServiceUrl) ? "activity has no serviceUrl"
            : !string.IsNullOrEmpty(activity.ChannelId) && !token.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal) ? $"key not endorsed for channel {activity.ChannelId}"
            : token.ServiceUrl is null || !SameServiceUrl(token.ServiceUrl, activity.ServiceUrl) ? "serviceurl claim does not match the activity"
            : null;
        if (reason is not null)
        {
            logger.LogWarning("Rejected a Teams activity: {Reason}", reason);
        }

        return reason is null;
    }

    private async Task<(VerifiedToken? Token, string? Reason)> VerifyTokenAsync(string? authorization, CancellationToken ct)
    {
        var parts = authorization?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["Bearer", var raw])
        {
            return (null, "no Bearer token");
        }

        if (!_handler.CanReadToken(raw))
        {
            return (null, "unreadable token");
        }

        var token = _handler.ReadJsonWebToken(raw);
        if (token.Issuer != TeamsOptions.BotFrameworkIssuer)
        {
            return (null, "wrong issuer");
        }

        if (token.Alg != SecurityAlgorithms.RsaSha256)
        {
            return (null, "algorithm is not RS256");
        }

        var key = await keys.FindAsync(token.Kid ?? string.Empty, ct);
        if (key is null)
        {
            return (null, "unknown signing key");
        }

        var appId = options.Value.AppId;
        var result = await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuer = TeamsOptions.BotFrameworkIssuer,
            ValidAudience = appId,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            IssuerSigningKey = key.Key,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            LifetimeValidator = (notBefore, expires, _, _) => WithinLifetime(notBefore, expires),
        });
        if (!result.IsValid)
        {
            return (null, "invalid token: " + result.Exception?.GetType().Name);
        }

        var caller = (result.Claims.TryGetValue("appid", out var appid) ? appid : result.Claims.TryGetValue("azp", out var azp) ? azp : null) as string;
        if (caller is not null && caller != appId)
        {
            return (null, "token is for another bot");
        }

        return (new VerifiedToken(result.Claims.TryGetValue("serviceurl", out var s) ? s as string : null, key.Endorsements), null);
    }

    private bool WithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + Skew && (notBefore is not { } nbf || now >= nbf - Skew);
    }

    private static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
