using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace SalesBot.Teams;

/// <summary>The Connector refused a call; <see cref="Status"/> is its HTTP status when it answered.</summary>
internal sealed class ConnectorException(string message, int? status = null) : Exception(message)
{
    public int? Status { get; } = status;
}

/// <summary>
/// Bot Connector REST calls relative to an activity's serviceUrl: reply, send, update, create conversation. The bearer
/// token only goes to service URLs seen on verified activities or on the configured host list; 429 and 5xx are retried
/// with backoff by the resilience handler. Spec: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
/// </summary>
internal sealed class ConnectorClient(HttpClient http, BotTokens tokens, TrustedServiceUrls trusted, IOptions<TeamsOptions> options)
{
    public Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(replyToId)}", activity, ct);

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, ct);

    public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity with { Id = activityId }, ct);

    /// <summary>Opens (or finds) the 1:1 chat between the bot and a user; returns its conversation id.</summary>
    public async Task<string> CreatePersonalConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken ct)
    {
        var body = new
        {
            isGroup = false,
            bot = new { id = botId },
            members = new[] { new { id = userId } },
            channelData = new { tenant = new { id = tenantId } },
            tenantId,
        };
        return (await SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", body, ct)).Id
            ?? throw new ConnectorException("The Connector created a conversation without an id.");
    }

    /// <summary>
    /// Starts a new thread in a team channel with <paramref name="activity"/> as its first message (isGroup, the channel
    /// and the tenant are required; the bot is known from the token). Spec: teams.net CreateConversation behaviour notes.
    /// </summary>
    public Task<ResourceResponse> CreateChannelThreadAsync(string serviceUrl, string channelId, string tenantId, Activity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", new
        {
            isGroup = true,
            tenantId,
            channelData = new { channel = new { id = channelId }, tenant = new { id = tenantId } },
            activity,
        }, ct);

    /// <summary>A member of a conversation, with their Entra object id (GET …/conversations/{id}/members/{memberId}).</summary>
    public async Task<ChannelAccount?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken ct)
    {
        if (!IsAllowed(serviceUrl))
        {
            throw new ConnectorException($"Refusing to send a token to an untrusted service URL {serviceUrl}.");
        }

        var baseUri = new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/");
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(baseUri, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(memberId)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(ct));
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ChannelAccount>(TeamsJson.Options, ct) : null;
    }

    public bool IsAllowed(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (trusted.Contains(serviceUrl)
            || (uri.Scheme == Uri.UriSchemeHttps && options.Value.AllowedServiceHosts.Any(h => HostMatches(uri.Host, h))));

    private async Task<ResourceResponse> SendAsync(HttpMethod method, string serviceUrl, string path, object body, CancellationToken ct)
    {
        if (!IsAllowed(serviceUrl))
        {
            throw new ConnectorException($"Refusing to send a token to an untrusted service URL {serviceUrl}.");
        }

        var baseUri = new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/");
        using var request = new HttpRequestMessage(method, new Uri(baseUri, path))
        {
            Content = JsonContent.Create(body, body.GetType(), options: TeamsJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(ct));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException($"The Connector answered {(int)response.StatusCode} to {method} {path}: {await response.Content.ReadAsStringAsync(ct)}", (int)response.StatusCode);
        }

        return response.Content.Headers.ContentLength is 0
            ? new ResourceResponse(null)
            : await response.Content.ReadFromJsonAsync<ResourceResponse>(TeamsJson.Options, ct) ?? new ResourceResponse(null);
    }

    private static bool HostMatches(string host, string pattern) => pattern.StartsWith("*.", StringComparison.Ordinal)
        ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
        : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Service URLs that arrived on verified activities: the only other places a bearer token may go.</summary>
internal sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, bool> _urls = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string serviceUrl) => _urls[serviceUrl.TrimEnd('/')] = true;

    public bool Contains(string serviceUrl) => _urls.ContainsKey(serviceUrl.TrimEnd('/'));
}
