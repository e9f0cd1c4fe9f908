using SalesBot.Messaging;

namespace SalesBot.Teams;

/// <summary>
/// Posts the deals feed in a Teams channel: each post starts a thread there (POST /v3/conversations with the channel).
/// The bot can post only in channels of a team it is installed in; it knows a channel once it was installed in the team
/// (the General channel) or heard from in it. 403 (removed from the team) and 404 are not tried again.
/// </summary>
internal sealed class TeamsChannels(ConnectorClient connector, ConversationReferences references, ILogger<TeamsChannels> logger) : IChannelPoster
{
    public bool Serves(string tenant) => tenant.StartsWith(TeamsBot.TenantPrefix, StringComparison.Ordinal);

    /// <summary>A channel thread's conversation id is the channel's id and ";messageid=…": the channel is the part before.</summary>
    string IChannelPoster.ChannelOf(string conversation) => ChannelOf(conversation);

    public static string ChannelOf(string conversationId) =>
        conversationId.IndexOf(";messageid=", StringComparison.Ordinal) is var cut and >= 0 ? conversationId[..cut] : conversationId;

    public async Task<ChannelReach> CheckAsync(string tenant, string channel, CancellationToken ct)
    {
        if (!ChannelOf(channel).EndsWith("@thread.tacv2", StringComparison.Ordinal) && !ChannelOf(channel).EndsWith("@thread.skype", StringComparison.Ordinal))
        {
            return ChannelReach.NotAChannel;
        }

        return await references.FindConversationAsync(tenant, ChannelOf(channel), ct) is not null ? ChannelReach.Ready : ChannelReach.InviteNeeded;
    }

    public async Task<bool> PostAsync(string tenant, string channel, Reply reply, CancellationToken ct)
    {
        var id = ChannelOf(channel);
        if (await references.FindConversationAsync(tenant, id, ct) is not { } found)
        {
            return false;
        }

        try
        {
            await connector.CreateChannelThreadAsync(found.ServiceUrl, id, tenant[TeamsBot.TenantPrefix.Length..], AdaptiveCardRenderer.Message(reply), ct);
            return true;
        }
        catch (ConnectorException e) when (e.Status is 403 or 404 or 413)
        {
            logger.LogWarning("Feed post to a Teams channel of {Tenant} refused: {Reason}", tenant, e.Message);
            return false;
        }
    }
}
