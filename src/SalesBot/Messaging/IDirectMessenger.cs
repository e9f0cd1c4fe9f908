namespace SalesBot.Messaging;

/// <summary>
/// Sends a reply to one person on their own channel without them writing first (a nudge, a digest). Each channel
/// serves the tenants it owns.
/// </summary>
internal interface IDirectMessenger
{
    bool Serves(string tenant);

    /// <summary>False when the person cannot be reached (never wrote to the bot, or removed it).</summary>
    Task<bool> SendAsync(string tenant, string userId, Reply reply, CancellationToken ct);
}
