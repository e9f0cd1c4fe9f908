using System.Collections.Concurrent;
using SalesBot.Messaging;

namespace SalesBot.DevChat;

/// <summary>A message the bot sent to someone on its own (a nudge, a digest), kept for the local chat page.</summary>
internal sealed record DevDelivery(string Tenant, string UserId, Reply Reply, DateTimeOffset At);

/// <summary>
/// The direct-message channel of teams that are on neither Slack nor Teams (the local dev chat): messages are kept in
/// memory, newest last, for the page and for tests to read.
/// </summary>
internal sealed class DevInbox(TimeProvider clock, ChannelTenants channels) : IDirectMessenger
{
    private const int Kept = 500;
    private readonly ConcurrentQueue<DevDelivery> _deliveries = new();

    public IReadOnlyList<DevDelivery> For(string tenant, string? userId = null) =>
        _deliveries.Where(d => d.Tenant == tenant && (userId is null || d.UserId == userId)).ToArray();

    public bool Serves(string tenant) => !channels.IsChannelTenant(tenant);

    public Task<bool> SendAsync(string tenant, string userId, Reply reply, CancellationToken ct)
    {
        _deliveries.Enqueue(new DevDelivery(tenant, userId, reply, clock.GetUtcNow()));
        while (_deliveries.Count > Kept && _deliveries.TryDequeue(out _))
        {
        }

        return Task.FromResult(true);
    }
}

/// <summary>A post the bot made in a team channel of the local chat (the deals feed).</summary>
internal sealed record DevPost(string Tenant, string Channel, Reply Reply, DateTimeOffset At);

/// <summary>
/// The channels of local-chat teams: any "#name" is a channel the bot is in; a conversation with one person is not.
/// Posts are kept in memory, newest last, for the page and for tests to read.
/// </summary>
internal sealed class DevChannels(TimeProvider clock, ChannelTenants channels) : IChannelPoster
{
    private const int Kept = 500;
    private readonly ConcurrentQueue<DevPost> _posts = new();

    public IReadOnlyList<DevPost> For(string tenant) => _posts.Where(p => p.Tenant == tenant).ToArray();

    public bool Serves(string tenant) => !channels.IsChannelTenant(tenant);

    public Task<ChannelReach> CheckAsync(string tenant, string channel, CancellationToken ct) =>
        Task.FromResult(channel.StartsWith("dev:", StringComparison.Ordinal) || channel.Length == 0 ? ChannelReach.NotAChannel : ChannelReach.Ready);

    public Task<bool> PostAsync(string tenant, string channel, Reply reply, CancellationToken ct)
    {
        _posts.Enqueue(new DevPost(tenant, channel, reply, clock.GetUtcNow()));
        while (_posts.Count > Kept && _posts.TryDequeue(out _))
        {
        }

        return Task.FromResult(true);
    }
}
