namespace SalesBot.Messaging;

/// <summary>A chat platform's teams: every tenant id that starts with <paramref name="Prefix"/> belongs to <paramref name="Channel"/>.</summary>
internal sealed record ChannelNamespace(string Channel, string Prefix);

/// <summary>
/// Which teams belong to a chat platform. Each channel registers the namespace it owns; only that channel's verified
/// requests act in those teams, and everything else (the dev chat) keeps out of them.
/// </summary>
internal sealed class ChannelTenants(IEnumerable<ChannelNamespace> namespaces)
{
    /// <summary>The channel that owns <paramref name="tenant"/>, or null for a team of no chat platform (a dev-chat team).</summary>
    public string? ChannelOf(string tenant) =>
        namespaces.FirstOrDefault(n => tenant.StartsWith(n.Prefix, StringComparison.OrdinalIgnoreCase))?.Channel;

    public bool IsChannelTenant(string tenant) => ChannelOf(tenant) is not null;
}
