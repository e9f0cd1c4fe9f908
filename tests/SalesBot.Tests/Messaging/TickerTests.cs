using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Messaging;

namespace SalesBot.Tests.Messaging;

/// <summary>The background loops (stall scan, inbox replay, inbox pruning) share one shell that outlives any failure.</summary>
public class TickerTests
{
    [Fact]
    public async Task A_failure_that_is_not_about_storage_is_logged_and_the_next_tick_runs()
    {
        var clock = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var ticks = 0;
        var secondTick = new TaskCompletionSource();
        var loop = Ticker.RunEveryAsync(TimeSpan.FromMinutes(1), clock, NullLogger.Instance, "Test work", _ =>
        {
            if (++ticks == 1)
            {
                throw new InvalidOperationException("a bug in one row");
            }

            secondTick.TrySetResult();
            return Task.CompletedTask;
        }, stop.Token);

        while (!secondTick.Task.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(secondTick.Task, Task.Delay(10));
        }

        Assert.False(loop.IsCompleted);
        await stop.CancelAsync();
        await loop;
        Assert.Equal(2, ticks);
    }
}
