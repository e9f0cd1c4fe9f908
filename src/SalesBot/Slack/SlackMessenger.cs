using SalesBot.Messaging;

namespace SalesBot.Slack;

/// <summary>Direct messages on Slack: open (or find) the DM with conversations.open, then chat.postMessage.</summary>
internal sealed class SlackMessenger(SlackWebApi api, SlackInstallations installs) : IDirectMessenger
{
    public bool Serves(string tenant) => tenant.StartsWith(SlackBot.TenantPrefix, StringComparison.Ordinal);

    public async Task<bool> SendAsync(string tenant, string userId, Reply reply, CancellationToken ct)
    {
        if (await installs.FindAsync(tenant, ct) is not { } install)
        {
            return false;
        }

        var channel = await api.OpenConversationAsync(install.BotToken, userId, ct);
        await api.PostMessageAsync(install.BotToken, BlockKitRenderer.Render(reply) with { Channel = channel }, ct);
        return true;
    }
}
