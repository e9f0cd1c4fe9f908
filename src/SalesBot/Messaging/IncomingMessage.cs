namespace SalesBot.Messaging;

/// <summary>
/// A message from any channel, already verified and stripped of channel detail.
/// <paramref name="TimeZone"/> is the sender's IANA time zone and <paramref name="Email"/> their e-mail, when the channel tells them.
/// <paramref name="DeliveryId"/> is the platform's id for this delivery (Slack event id, Teams activity id);
/// a redelivery carries the same id and is applied once.
/// </summary>
internal sealed record IncomingMessage(
    string Tenant,
    string UserId,
    string UserName,
    string Conversation,
    string Text,
    DateTimeOffset ReceivedAt,
    string? Locale = null,
    string? DeliveryId = null,
    IReadOnlyList<MentionedUser>? Mentions = null,
    string? TimeZone = null,
    string? Email = null)
{
    /// <summary>
    /// Verified by the channel: this person may name a team's first manager (a Slack workspace admin or owner, or anyone
    /// in a dev-chat team). Nobody else can make themselves manager of a team that has none.
    /// </summary>
    public bool MayNameFirstManager { get; init; }

    /// <summary>Channels the channel verified as mentioned; the text carries them as "#{Id}".</summary>
    public IReadOnlyList<MentionedChannel> Channels { get; init; } = [];

    /// <summary>The name of the conversation the message came from, when the channel tells it (a Slack channel's name).</summary>
    public string? ConversationName { get; init; }

    /// <summary>Set when the text comes from a clicked button: the user id the button was offered to, if any.</summary>
    public string? OfferedTo { get; init; }
}

/// <summary>A person the channel verified as mentioned; the text carries them as "@{Id}".</summary>
internal sealed record MentionedUser(string Id, string Name);

/// <summary>A channel the platform verified as mentioned (a Slack channel link); the text carries it as "#{Id}".</summary>
internal sealed record MentionedChannel(string Id, string Name);
