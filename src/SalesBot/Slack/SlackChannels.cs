using SalesBot.Messaging;

namespace SalesBot.Slack;

/// <summary>
/// Posts the deals feed in a Slack channel. The bot must be a member: it joins a public channel itself (channels:join)
/// and asks to be invited to a private one. A post that meets not_in_channel joins once and tries once more; an archived,
/// unknown or private channel it is not in is not tried again. Spec: https://api.slack.com/methods/conversations.join
/// </summary>
internal sealed class SlackChannels(SlackWebApi api, SlackInstallations installs, ILogger<SlackChannels> logger) : IChannelPoster
{
    public bool Serves(string tenant) => tenant.StartsWith(SlackBot.TenantPrefix, StringComparison.Ordinal);

    public async Task<ChannelReach> CheckAsync(string tenant, string channel, CancellationToken ct)
    {
        if (await installs.FindAsync(tenant, ct) is not { } install || channel.StartsWith('D'))
        {
            return ChannelReach.NotAChannel;
        }

        try
        {
            var info = await api.ChannelInfoAsync(install.BotToken, channel, ct);
            if (info.IsDirect || info.IsArchived)
            {
                return ChannelReach.NotAChannel;
            }

            if (info.IsMember)
            {
                return ChannelReach.Ready;
            }

            if (info.IsPrivate)
            {
                return ChannelReach.InviteNeeded;
            }
        }
        catch (SlackApiException e) when (e.Error == "channel_not_found")
        {
            // A private channel the bot is not in looks like no channel at all.
            return ChannelReach.InviteNeeded;
        }
        catch (SlackApiException e) when (e.Error == "missing_scope")
        {
            // Installed before channels:read was asked for: joining tells as much.
        }

        return await JoinAsync(install.BotToken, channel, ct) ? ChannelReach.Ready : ChannelReach.InviteNeeded;
    }

    public async Task<bool> PostAsync(string tenant, string channel, Reply reply, CancellationToken ct)
    {
        if (await installs.FindAsync(tenant, ct) is not { } install)
        {
            return false;
        }

        var message = BlockKitRenderer.Render(reply) with { Channel = channel };
        try
        {
            await api.PostMessageAsync(install.BotToken, message, ct);
            return true;
        }
        catch (SlackApiException e) when (e.Error == "not_in_channel")
        {
            if (!await JoinAsync(install.BotToken, channel, ct))
            {
                return false;
            }
        }
        catch (SlackApiException e) when (e.Error is "channel_not_found" or "is_archived" or "method_not_supported_for_channel_type" or "missing_scope")
        {
            logger.LogWarning("Feed post to a Slack channel of {Tenant} refused: {Error}.", tenant, e.Error);
            return false;
        }

        try
        {
            await api.PostMessageAsync(install.BotToken, message, ct);
            return true;
        }
        catch (SlackApiException e)
        {
            logger.LogWarning("Feed post to a Slack channel of {Tenant} refused after joining: {Error}.", tenant, e.Error);
            return false;
        }
    }

    private async Task<bool> JoinAsync(string token, string channel, CancellationToken ct)
    {
        try
        {
            await api.JoinAsync(token, channel, ct);
            return true;
        }
        catch (SlackApiException e) when (e.Error is "method_not_supported_for_channel_type" or "channel_not_found" or "missing_scope" or "is_archived"
            or "channel_is_limited_access" or "too_many_members")
        {
            logger.LogInformation("SalesBot cannot join a Slack channel by itself ({Error}); it has to be invited.", e.Error);
            return false;
        }
    }
}
