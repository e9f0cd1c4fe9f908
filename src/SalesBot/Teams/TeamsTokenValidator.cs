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
internal sealed class TeamsTokenValidator(BotFrameworkKeys keys, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<TeamsTokenValidator> logger)
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<bool> IsValidAsync(string? authorization, Activity activity, CancellationToken ct)
    {
        var reason = await ProblemAsync(authorization, activity, ct);
        if (reason is not null)
        {
            logger.LogWarning("Rejected a Teams activity: {Reason}", reason);
        }

        return reason is null;
    }

    private async Task<string?> ProblemAsync(string? authorization, Activity activity, CancellationToken ct)
    {
        var parts = authorization?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["Bearer", var raw])
        {
            return "no Bearer token";
        }

        if (!_handler.CanReadToken(raw))
        {
            return "unreadable token";
        }

        var token = _handler.ReadJsonWebToken(raw);
        if (token.Issuer != TeamsOptions.BotFrameworkIssuer)
        {
            return "wrong issuer";
        }

        if (token.Alg != SecurityAlgorithms.RsaSha256)
        {
            return "algorithm is not RS256";
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return "activity has no serviceUrl";
        }

        var key = await keys.FindAsync(token.Kid ?? string.Empty, ct);
        if (key is null)
        {
            return "unknown signing key";
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
            return "invalid token: " + result.Exception?.GetType().Name;
        }

        if (!string.IsNullOrEmpty(activity.ChannelId) && !key.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return $"key not endorsed for channel {activity.ChannelId}";
        }

        var claimed = result.Claims.TryGetValue("serviceurl", out var s) ? s as string : null;
        if (claimed is null || !SameServiceUrl(claimed, activity.ServiceUrl))
        {
            return "serviceurl claim does not match the activity";
        }

        var caller = (result.Claims.TryGetValue("appid", out var appid) ? appid : result.Claims.TryGetValue("azp", out var azp) ? azp : null) as string;
        return caller is not null && caller != appId ? "token is for another bot" : null;
    }

    private bool WithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + Skew && (notBefore is not { } nbf || now >= nbf - Skew);
    }

    private static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
