using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SalesBot.Slack;

/// <summary>
/// "Add to Slack" for many workspaces: redirect with a signed, expiring state that is also set in an HttpOnly cookie of
/// the browser that started; on the callback the state must be genuine, unexpired, unused and that browser's; exchange
/// the code (redirect_uri from configuration only); store the installation.
/// Spec: https://api.slack.com/authentication/oauth-v2
/// </summary>
internal static class SlackOAuth
{
    public const string BotScopes = "commands,chat:write,im:write,im:history,users:read,users:read.email,app_mentions:read,channels:read,groups:read,channels:join,files:write";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);
    private const string StateCookie = "salesbot-slack-install";

    public static IResult Install(HttpContext http, IOptions<SlackOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        if (!o.MultiWorkspace)
        {
            return Results.NotFound();
        }

        var state = NewState(o.ClientSecret!, clock.GetUtcNow());
        var url = QueryHelpers.AddQueryString(o.AuthorizeUrl.ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = o.ClientId,
            ["scope"] = BotScopes,
            ["redirect_uri"] = o.RedirectUrl!.ToString(),
            ["state"] = state,
        });

        // Lax, not Strict: the callback is a top-level navigation back from slack.com, which must carry the cookie.
        http.Response.Cookies.Append(StateCookie, Nonce(state), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = o.RedirectUrl.Scheme == Uri.UriSchemeHttps,
            Path = "/api/slack/oauth",
            MaxAge = StateLifetime,
        });
        return Results.Redirect(url);
    }

    public static async Task<IResult> CallbackAsync(
        HttpContext http, IOptions<SlackOptions> options, SlackWebApi api, SlackInstallations installs, Tenants.FirstManager firstManager, TimeProvider clock, ILoggerFactory logs)
    {
        var o = options.Value;
        if (!o.MultiWorkspace)
        {
            return Results.NotFound();
        }

        var query = http.Request.Query;
        if (query.ContainsKey("error"))
        {
            return Results.Text("SalesBot was not installed: the installation was cancelled in Slack.", statusCode: 400);
        }

        var state = query["state"].ToString();
        var browser = http.Request.Cookies[StateCookie] ?? string.Empty;
        if (!IsValidState(o.ClientSecret!, state, clock.GetUtcNow()) || string.IsNullOrEmpty(query["code"])
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Nonce(state)), Encoding.ASCII.GetBytes(browser)))
        {
            return Results.Text("This installation link has expired, was not issued by SalesBot, or was started in another browser. Start again from the install page.", statusCode: 400);
        }

        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/api/slack/oauth" });
        if (!await installs.TryUseStateAsync(Nonce(state), http.RequestAborted))
        {
            return Results.Text("This installation link was used already. Start again from the install page.", statusCode: 400);
        }

        try
        {
            var result = await api.OAuthAccessAsync(o.ClientId!, o.ClientSecret!, query["code"].ToString(), o.RedirectUrl!.ToString(), http.RequestAborted);
            var tenant = SlackBot.TenantOf(result.TeamId, result.EnterpriseId, result.IsEnterpriseInstall);
            await installs.SaveAsync(new SlackInstallation(tenant, result.AccessToken, result.BotUserId), result.InstalledBy, result.Scope, http.RequestAborted);
            if (result.InstalledBy is { } installer)
            {
                // Slack's authed_user: the person who approved the install leads a workspace that has no manager yet.
                await firstManager.NameIfNoneAsync(tenant, new Deals.UserRef(installer, installer), "installed SalesBot in Slack", http.RequestAborted);
            }

            logs.CreateLogger("SalesBot.Slack.OAuth").LogInformation("SalesBot installed in {Tenant}.", tenant);
            return Results.Text("SalesBot is installed. In Slack, type /deal help to get started.");
        }
        catch (SlackApiException e)
        {
            return Results.Text($"Slack refused the installation ({e.Error}). Please try again.", statusCode: 400);
        }
    }

    public static string NewState(string secret, DateTimeOffset now)
    {
        var payload = $"{(now + StateLifetime).ToUnixTimeSeconds()}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        return payload + "." + Mac(secret, payload);
    }

    public static bool IsValidState(string secret, string state, DateTimeOffset now)
    {
        var parts = state.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(secret, parts[0] + "." + parts[1]));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])) && now.ToUnixTimeSeconds() <= expires;
    }

    private static string Mac(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    private static string Nonce(string state) => state.Split('.') is [_, var nonce, _] ? nonce : string.Empty;
}
