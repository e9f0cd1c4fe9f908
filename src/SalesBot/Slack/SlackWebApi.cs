using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SalesBot.Slack;

/// <summary>Slack answered <c>ok:false</c>; <see cref="Error"/> is Slack's error string (e.g. channel_not_found).</summary>
internal sealed class SlackApiException(string method, string error) : Exception($"Slack {method} failed: {error}")
{
    public string Error { get; } = error;
}

internal sealed record SlackUser(string Id, string Name, string? TimeZone, string? Locale, string? Email = null, bool IsAdmin = false);

internal sealed record SlackChannelInfo(string? Name, bool IsPrivate, bool IsDirect, bool IsMember, bool IsArchived);

internal sealed record SlackOAuthResult(string AccessToken, string? BotUserId, string? Scope, string TeamId, string? EnterpriseId, bool IsEnterpriseInstall, string? InstalledBy);

/// <summary>
/// The Web API methods SalesBot calls. Bearer token per call; retries for 429 (after Retry-After), 5xx and network errors
/// come from the resilience handler; ok:false is never retried. Spec: https://api.slack.com/web
/// </summary>
internal sealed class SlackWebApi(HttpClient http)
{
    public async Task<string> PostMessageAsync(string token, SlackMessage message, CancellationToken ct) =>
        (await CallJsonAsync("chat.postMessage", token, message with { ResponseType = null, ReplaceOriginal = null }, ct)).GetProperty("ts").GetString()!;

    public Task PostEphemeralAsync(string token, SlackMessage message, CancellationToken ct) =>
        CallJsonAsync("chat.postEphemeral", token, message with { ResponseType = null, ReplaceOriginal = null }, ct);

    public Task UpdateAsync(string token, SlackMessage message, CancellationToken ct) =>
        CallJsonAsync("chat.update", token, message with { ResponseType = null, ReplaceOriginal = null }, ct);

    public async Task<string> OpenConversationAsync(string token, string userId, CancellationToken ct) =>
        (await CallJsonAsync("conversations.open", token, new { users = userId }, ct)).GetProperty("channel").GetProperty("id").GetString()!;

    /// <summary>views.open with a trigger_id (valid 3 s, once): the modal's view id.</summary>
    public async Task<string?> OpenViewAsync(string token, string triggerId, System.Text.Json.Nodes.JsonObject view, CancellationToken ct) =>
        (await CallJsonAsync("views.open", token, new { trigger_id = triggerId, view }, ct)).GetProperty("view").TryGetProperty("id", out var id) ? id.GetString() : null;

    /// <summary>views.publish: replaces the person's App Home tab.</summary>
    public Task PublishViewAsync(string token, string userId, System.Text.Json.Nodes.JsonObject view, CancellationToken ct) =>
        CallJsonAsync("views.publish", token, new { user_id = userId, view }, ct);

    /// <summary>
    /// Uploads a file into a conversation, in the three steps Slack's files.uploadV2 takes: files.getUploadURLExternal,
    /// the bytes to the URL it gives, files.completeUploadExternal with the channel. https://api.slack.com/messaging/files
    /// </summary>
    public async Task UploadFileAsync(string token, string channel, string filename, string title, string altText, byte[] bytes, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "files.getUploadURLExternal")
        {
            Content = new FormUrlEncodedContent([new("filename", filename), new("length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("alt_txt", altText)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var slot = await SendAsync("files.getUploadURLExternal", request, ct);
        var uploadUrl = new Uri(slot.GetProperty("upload_url").GetString()!);
        var fileId = slot.GetProperty("file_id").GetString()!;
        if (uploadUrl.Scheme != Uri.UriSchemeHttps && !uploadUrl.IsLoopback)
        {
            throw new SlackApiException("files.getUploadURLExternal", "insecure_upload_url");
        }

        using (var upload = new ByteArrayContent(bytes))
        {
            upload.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var uploaded = await http.PostAsync(uploadUrl, upload, ct);
            uploaded.EnsureSuccessStatusCode();
        }

        await CallJsonAsync("files.completeUploadExternal", token, new { files = new[] { new { id = fileId, title } }, channel_id = channel }, ct);
    }

    /// <summary>conversations.join: the bot joins a public channel (needs channels:join).</summary>
    public Task JoinAsync(string token, string channel, CancellationToken ct) => CallJsonAsync("conversations.join", token, new { channel }, ct);

    /// <summary>conversations.info (form parameters): whether the channel is private, a DM, and whether the bot is in it.</summary>
    public async Task<SlackChannelInfo> ChannelInfoAsync(string token, string channel, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "conversations.info") { Content = new FormUrlEncodedContent([new("channel", channel)]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var c = (await SendAsync("conversations.info", request, ct)).GetProperty("channel");
        return new SlackChannelInfo(Str(c, "name"), Flag(c, "is_private"), Flag(c, "is_im") || Flag(c, "is_mpim"), Flag(c, "is_member"), Flag(c, "is_archived"));
    }

    /// <summary>users.info takes form parameters, not JSON.</summary>
    public async Task<SlackUser> UserInfoAsync(string token, string userId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "users.info")
        {
            Content = new FormUrlEncodedContent([new("user", userId), new("include_locale", "true")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var user = (await SendAsync("users.info", request, ct)).GetProperty("user");
        var profile = user.TryGetProperty("profile", out var p) ? p : default;
        var name = new[] { Str(profile, "display_name"), Str(profile, "real_name"), Str(user, "real_name"), Str(user, "name") }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? userId;
        // profile.email comes with the users:read.email scope; import matches owners by it.
        var admin = Flag(user, "is_admin") || Flag(user, "is_owner") || Flag(user, "is_primary_owner");
        return new SlackUser(userId, name, Str(user, "tz"), Str(user, "locale"), Str(profile, "email"), admin);
    }

    /// <summary>OAuth v2 code exchange; client credentials as HTTP Basic auth.</summary>
    public async Task<SlackOAuthResult> OAuthAccessAsync(string clientId, string clientSecret, string code, string redirectUri, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth.v2.access")
        {
            Content = new FormUrlEncodedContent([new("code", code), new("redirect_uri", redirectUri)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        var r = await SendAsync("oauth.v2.access", request, ct);
        var enterprise = r.TryGetProperty("enterprise", out var e) && e.ValueKind == JsonValueKind.Object ? Str(e, "id") : null;
        return new SlackOAuthResult(
            r.GetProperty("access_token").GetString()!,
            Str(r, "bot_user_id"),
            Str(r, "scope"),
            r.GetProperty("team").ValueKind == JsonValueKind.Object ? Str(r.GetProperty("team"), "id") ?? string.Empty : string.Empty,
            enterprise,
            r.TryGetProperty("is_enterprise_install", out var ie) && ie.ValueKind == JsonValueKind.True,
            r.TryGetProperty("authed_user", out var au) && au.ValueKind == JsonValueKind.Object ? Str(au, "id") : null);
    }

    /// <summary>The single-use WebSocket URL for Socket Mode; the app token goes in the header.</summary>
    public async Task<Uri> OpenConnectionAsync(string appToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "apps.connections.open");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", appToken);
        return new Uri((await SendAsync("apps.connections.open", request, ct)).GetProperty("url").GetString()!);
    }

    /// <summary>Posts to a response_url from a verified request: no token, JSON body.</summary>
    public async Task RespondAsync(string responseUrl, SlackMessage message, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri(responseUrl), message, SlackJson.Options, ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> CallJsonAsync(string method, string token, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonContent.Create(body, body.GetType(), options: SlackJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(method, request, ct);
    }

    private async Task<JsonElement> SendAsync(string method, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!json.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            throw new SlackApiException(method, Str(json, "error") ?? "unknown_error");
        }

        return json;
    }

    private static bool Flag(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
