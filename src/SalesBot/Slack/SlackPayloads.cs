using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesBot.Slack;

/// <summary>JSON as Slack writes it: snake_case, nulls left out.</summary>
internal static class SlackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Events API body: url_verification or event_callback. https://api.slack.com/apis/connections/events-api</summary>
internal sealed record EventEnvelope(
    string Type,
    string? Challenge,
    string? TeamId,
    string? EnterpriseId,
    string? EventId,
    SlackEvent? Event,
    IReadOnlyList<Authorization>? Authorizations,
    bool? IsEnterpriseInstall);

internal sealed record Authorization(string? TeamId, string? EnterpriseId, string? UserId, bool? IsEnterpriseInstall);

internal sealed record SlackEvent(
    string Type,
    string? Subtype,
    string? User,
    string? Channel,
    string? ChannelType,
    string? Text,
    string? Ts,
    string? ThreadTs,
    string? BotId,
    RevokedTokens? Tokens,
    string? Tab = null);

internal sealed record RevokedTokens(IReadOnlyList<string>? Oauth, IReadOnlyList<string>? Bot);

/// <summary>Interactivity payload for button clicks. https://api.slack.com/reference/interaction-payloads/block-actions</summary>
internal sealed record BlockActions(
    string Type,
    SlackUserRef User,
    SlackTeamRef? Team,
    SlackTeamRef? Enterprise,
    bool? IsEnterpriseInstall,
    string? TriggerId,
    string? ResponseUrl,
    ActionContainer? Container,
    IReadOnlyList<BlockAction>? Actions,
    SlackView? View = null);

/// <summary>
/// The other interaction payloads: view_submission, view_closed, block_suggestion, message_action and shortcut.
/// https://api.slack.com/reference/interaction-payloads
/// </summary>
internal sealed record SurfacePayload(
    string Type,
    SlackUserRef User,
    SlackTeamRef? Team,
    SlackTeamRef? Enterprise,
    bool? IsEnterpriseInstall,
    string? TriggerId,
    string? CallbackId,
    SlackView? View,
    string? ActionId,
    string? BlockId,
    string? Value,
    ShortcutMessage? Message,
    SlackChannelRef? Channel);

internal sealed record SlackView(string? Id, string? Type, string? CallbackId, string? PrivateMetadata, string? Hash, ViewState? State);

internal sealed record ViewState(Dictionary<string, Dictionary<string, StateValue>>? Values);

/// <summary>One input's value: text, a selected option, a date or a user, by element type.</summary>
internal sealed record StateValue(string? Type, string? Value, SelectedOption? SelectedOption, string? SelectedDate, string? SelectedUser)
{
    public string? Text => Value ?? SelectedOption?.Value ?? SelectedDate ?? SelectedUser;
}

internal sealed record SelectedOption(string? Value);

internal sealed record ShortcutMessage(string? Ts, string? Text, string? User, string? BotId);

internal sealed record SlackChannelRef(string? Id, string? Name);

internal sealed record SlackUserRef(string Id, string? Username, string? Name, string? TeamId);

internal sealed record SlackTeamRef(string Id, string? Domain, string? EnterpriseId);

internal sealed record ActionContainer(string? Type, string? MessageTs, string? ChannelId, bool? IsEphemeral, string? ViewId = null);

internal sealed record BlockAction(string? ActionId, string? BlockId, string? Value, string? ActionTs);

/// <summary>A slash command, read from its form fields. https://api.slack.com/interactivity/slash-commands</summary>
internal sealed record SlashCommand(
    string TeamId,
    string? EnterpriseId,
    bool IsEnterpriseInstall,
    string ChannelId,
    string UserId,
    string? UserName,
    string Command,
    string Text,
    string? ResponseUrl,
    string? TriggerId,
    string? ChannelName = null)
{
    public static SlashCommand? From(IReadOnlyDictionary<string, string> form)
    {
        string? Get(string key) => form.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        if (Get("team_id") is not { } team || Get("user_id") is not { } user || Get("command") is not { } command)
        {
            return null;
        }

        return new SlashCommand(
            team, Get("enterprise_id"), Get("is_enterprise_install") == "true", Get("channel_id") ?? string.Empty, user,
            Get("user_name"), command, Get("text") ?? string.Empty, Get("response_url"), Get("trigger_id"), Get("channel_name"));
    }
}

/// <summary>A message as sent to chat.postMessage, chat.update, chat.postEphemeral or a response_url.</summary>
internal sealed record SlackMessage(
    string Text,
    JsonElement? Blocks = null,
    string? Channel = null,
    string? User = null,
    string? Ts = null,
    string? ThreadTs = null,
    string? ResponseType = null,
    bool? ReplaceOriginal = null);

/// <summary>Socket Mode frame from Slack. https://api.slack.com/apis/connections/socket</summary>
internal sealed record SocketEnvelope(string Type, string? EnvelopeId, JsonElement? Payload, bool? AcceptsResponsePayload, string? Reason);
