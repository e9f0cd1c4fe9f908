using Microsoft.Extensions.Caching.Memory;

namespace SalesBot.Tenants;

/// <summary>
/// A process-local map that never holds more than <paramref name="capacity"/> entries, whatever the number of teams
/// and people: past it, a new entry is not kept and older ones are compacted away (MemoryCache size limit). Only for
/// what can be read again from storage.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "MemoryCache holds no timer or native resource; it lives as long as the singleton that owns this map.")]
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });

    public int Count => _cache.Count;

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_cache.TryGetValue(key, out var found) && found is TValue typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value) => _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1 });

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (TryGetValue(key, out var value))
        {
            return value;
        }

        value = create(key);
        Set(key, value);
        return value;
    }

    public void Remove(TKey key) => _cache.Remove(key);
}
