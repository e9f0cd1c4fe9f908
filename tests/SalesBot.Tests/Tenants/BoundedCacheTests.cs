using SalesBot.Tenants;

namespace SalesBot.Tests.Tenants;

/// <summary>The per-user and per-team memory of a process stays bounded however many teams and people write.</summary>
public class BoundedCacheTests
{
    [Fact]
    public void Two_hundred_thousand_distinct_keys_never_hold_more_than_the_capacity()
    {
        var cache = new BoundedCache<(string, string), string>(1_000);

        for (var i = 0; i < 200_000; i++)
        {
            cache.Set(("slack-T" + (i % 5_000), "U" + i), "name " + i);
            Assert.True(cache.Count <= 1_000, $"{cache.Count} entries after {i + 1} writes");
        }
    }

    [Fact]
    public void Within_the_capacity_what_was_set_is_found_and_a_removed_key_is_not()
    {
        var cache = new BoundedCache<string, int>(100);
        for (var i = 0; i < 50; i++)
        {
            cache.Set("team-" + i, i);
        }

        Assert.All(Enumerable.Range(0, 50), i => Assert.True(cache.TryGetValue("team-" + i, out var v) && v == i));
        Assert.Equal(7, cache.GetOrAdd("team-7", _ => -1));
        Assert.Equal(70, cache.GetOrAdd("team-70", _ => 70));
        cache.Remove("team-3");
        Assert.False(cache.TryGetValue("team-3", out _));
    }
}
