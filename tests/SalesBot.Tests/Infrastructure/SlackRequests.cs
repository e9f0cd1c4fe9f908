using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SalesBot.Slack;

namespace SalesBot.Tests.Infrastructure;

/// <summary>Requests signed exactly as Slack signs them.</summary>
public static class SlackRequests
{
    public const string Secret = "test-signing-secret";

    public static HttpRequestMessage Signed(string path, string body, string contentType, DateTimeOffset now, string secret = Secret)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    public static string CommandForm(string text, string user = "UANN", string userName = "ann", string team = "T1", string? responseUrl = null, string command = "/deal") =>
        Form(new()
        {
            ["token"] = "ignored",
            ["team_id"] = team,
            ["team_domain"] = "acme",
            ["channel_id"] = "C1",
            ["channel_name"] = "sales",
            ["user_id"] = user,
            ["user_name"] = userName,
            ["command"] = command,
            ["text"] = text,
            ["response_url"] = responseUrl ?? "",
            ["trigger_id"] = Guid.NewGuid().ToString("N"),
            ["api_app_id"] = "A1",
            ["is_enterprise_install"] = "false",
        });

    public static string Event(string eventId, object ev, string team = "T1") => JsonSerializer.Serialize(new
    {
        token = "ignored",
        team_id = team,
        api_app_id = "A1",
        type = "event_callback",
        event_id = eventId,
        event_time = 1764230400,
        @event = ev,
        authorizations = new[] { new { team_id = team, user_id = "UBOT", is_bot = true, is_enterprise_install = false } },
    });

    public static string Click(string command, string responseUrl, string user = "UANN", string team = "T1", string actionTs = "1764230400.123") =>
        Form(new() { ["payload"] = ClickPayload(command, responseUrl, user, team, actionTs) });

    /// <summary>The block_actions JSON a click sends (inside the <c>payload</c> form field).</summary>
    public static string ClickPayload(string command, string responseUrl, string user = "UANN", string team = "T1", string actionTs = "1764230400.123") =>
        JsonSerializer.Serialize(new
        {
            type = "block_actions",
            user = new { id = user, username = user.ToLowerInvariant(), name = user.ToLowerInvariant(), team_id = team },
            team = new { id = team, domain = "acme" },
            api_app_id = "A1",
            trigger_id = Guid.NewGuid().ToString("N"),
            response_url = responseUrl,
            container = new { type = "message", message_ts = "1764230400.000100", channel_id = "C1", is_ephemeral = true },
            channel = new { id = "C1", name = "sales" },
            actions = new[] { new { type = "button", action_id = "cmd-0", block_id = "b1", value = command, action_ts = actionTs } },
        });

    private static string Form(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
}
