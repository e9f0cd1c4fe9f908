using Microsoft.Extensions.Caching.Memory;
using SalesBot.Deals;

namespace SalesBot.Storage;

/// <summary>
/// Recently read or written deals, so a command on a deal someone just touched can go straight to its conditional
/// write. A stale entry costs one failed write and a re-read, never a lost update: every write checks the ETag.
/// </summary>
internal sealed class DealCache : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public DealSnapshot? Get(string partition, string dealId) =>
        cache.TryGetValue(("deal", partition, dealId), out DealSnapshot? s) ? s : null;

    public string? IdForName(string partition, string normalizedName) =>
        cache.TryGetValue(("name", partition, normalizedName), out string? id) ? id : null;

    public void Put(string partition, DealSnapshot snapshot)
    {
        var options = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime };
        cache.Set(("deal", partition, snapshot.Deal.Id), snapshot, options);
        if (snapshot.Deal.IsOpen)
        {
            cache.Set(("name", partition, TextKey.Normalize(snapshot.Deal.Name)), snapshot.Deal.Id, options);
        }
    }

    public void Forget(string partition, string dealId) => cache.Remove(("deal", partition, dealId));

    public void Dispose() => cache.Dispose();
}
