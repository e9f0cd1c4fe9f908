using SalesBot.Deals;
namespace SalesBot.Messaging;

/// <summary>
/// The shell of a background loop: runs the work every interval on the app's clock until the host stops. A failure of
/// any kind is logged and the loop carries on at the next tick, so one bad row or bug never ends the loop (or the host).
/// </summary>
internal static class Ticker
{
    public static async Task RunEveryAsync(TimeSpan interval, TimeProvider clock, ILogger logger, string what, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (StorageUnavailableException)
                {
                    logger.LogWarning("{Work} skipped: storage unavailable.", what);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "{Work} failed; it runs again at the next tick.", what);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
