using Microsoft.Extensions.Caching.Memory;

namespace SalesBot.Slack;

/// <summary>Display names, time zones and locales from users.info, cached for an hour per workspace and user.</summary>
internal sealed class SlackPeople(SlackWebApi api, ILogger<SlackPeople> logger) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan FailureLifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public SlackUser? Cached(string tenant, string userId) => _cache.TryGetValue((tenant, userId), out SlackUser? u) ? u : null;

    public async Task<SlackUser?> LookUpAsync(string tenant, string userId, string token, CancellationToken ct)
    {
        if (Cached(tenant, userId) is { } cached)
        {
            return cached;
        }

        if (_cache.TryGetValue(("failed", tenant, userId), out _))
        {
            return null;
        }

        try
        {
            var user = await api.UserInfoAsync(token, userId, ct);
            _cache.Set((tenant, userId), user, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
            return user;
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("users.info for {User} in {Tenant} failed: {Reason}", userId, tenant, e.Message);
            _cache.Set(("failed", tenant, userId), true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = FailureLifetime });
            return null;
        }
    }

    public void Dispose() => _cache.Dispose();
}
