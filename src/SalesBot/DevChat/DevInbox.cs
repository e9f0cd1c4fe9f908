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
