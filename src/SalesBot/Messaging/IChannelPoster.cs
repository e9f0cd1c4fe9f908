namespace SalesBot.Messaging;

/// <summary>Whether the bot can post in a channel.</summary>
internal enum ChannelReach
{
    /// <summary>The bot is in the channel (or could join it) and can post.</summary>
    Ready,

    /// <summary>The channel exists, but the bot has to be invited (or installed) there first.</summary>
    InviteNeeded,

    /// <summary>Not a channel the bot can post a feed to (a direct message, an unknown id).</summary>
    NotAChannel,
}

/// <summary>
/// Posts to a team channel (the deals feed), as <see cref="IDirectMessenger"/> sends to a person. Each channel serves
/// the tenants it owns; <c>channel</c> is the channel's own id for a conversation.
/// </summary>
internal interface IChannelPoster
{
    bool Serves(string tenant);

    /// <summary>The one id of the channel a conversation belongs to (a Teams thread belongs to its channel).</summary>
    string ChannelOf(string conversation) => conversation;

    Task<ChannelReach> CheckAsync(string tenant, string channel, CancellationToken ct);

    /// <summary>
    /// Posts <paramref name="reply"/> in the channel. False when it cannot be posted there and trying again will not help
    /// (the bot was removed, the channel is archived); a passing failure throws.
    /// </summary>
    Task<bool> PostAsync(string tenant, string channel, Reply reply, CancellationToken ct);
}
