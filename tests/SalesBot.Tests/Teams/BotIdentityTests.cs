using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesBot.Teams;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Teams;

/// <summary>A bot that is a managed identity has no secret: its Bot Connector tokens come from the host's identity endpoint.</summary>
public sealed class BotIdentityTests
{
    [Fact]
    public async Task With_a_managed_identity_the_bot_gets_its_tokens_from_the_hosts_identity_endpoint()
    {
        var requests = new List<(string Query, string Header)>();
        var (endpoint, baseUrl) = await Loopback.StartAsync(app => app.MapGet("/msi/token", (HttpContext http) =>
        {
            lock (requests)
            {
                requests.Add((http.Request.QueryString.Value ?? string.Empty, http.Request.Headers["X-IDENTITY-HEADER"].ToString()));
            }

            return Results.Json(new
            {
                access_token = "token-from-the-identity",
                expires_on = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                resource = BotTokens.Resource,
                token_type = "Bearer",
            });
        }));
        // App Service and Container Apps give the app these two variables; MSAL reads them.
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(baseUrl, "msi/token").ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", "header-from-the-host");
        try
        {
            await using var app = await SalesBotApp.StartAsync(new()
            {
                ["Teams:AppId"] = "0d5f1c2a-0000-4000-8000-00000000b07",
                ["Teams:ManagedIdentityClientId"] = "0d5f1c2a-0000-4000-8000-00000000b07",
                ["Teams:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            });

            var token = await app.Service<BotTokens>().GetAsync(CancellationToken.None);
            var again = await app.Service<BotTokens>().GetAsync(CancellationToken.None);

            Assert.Equal(("token-from-the-identity", "token-from-the-identity"), (token, again));
            var (query, header) = Assert.Single(requests);
            Assert.Equal("header-from-the-host", header);
            Assert.Contains("resource=https://api.botframework.com", Uri.UnescapeDataString(query), StringComparison.Ordinal);
            Assert.Contains("client_id=0d5f1c2a-0000-4000-8000-00000000b07", query, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
            await endpoint.DisposeAsync();
        }
    }
}
