using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesBot.Teams;

/// <summary>JSON as the Bot Framework writes it: camelCase, unknown fields ignored, nulls left out.</summary>
internal static class TeamsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>
/// The parts of a Bot Framework activity SalesBot reads or writes; everything else is ignored.
/// Spec: https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md
/// </summary>
internal sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public string? LocalTimezone { get; init; }
    public string? ReplyToId { get; init; }
    public string? Name { get; init; }
    public string? Action { get; init; }
    public JsonElement? Value { get; init; }
    public JsonElement? ChannelData { get; init; }
    public IReadOnlyList<JsonElement>? Entities { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
}

internal sealed record ChannelAccount(string? Id, string? Name = null, string? AadObjectId = null);

internal sealed record ConversationAccount(string? Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null);

internal sealed record Attachment(string ContentType, JsonElement Content);

/// <summary>What the Connector answers to a send, reply or update.</summary>
internal sealed record ResourceResponse(string? Id);
