namespace SalesBot.Messaging;

/// <summary>Work a channel finishes after it has acknowledged the request: never awaited, never lost silently.</summary>
internal static class BackgroundWork
{
    public static void Start(Func<Task> work, ILogger logger, string channel) => _ = Task.Run(async () =>
    {
        try
        {
            await work();
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Channel} background work failed.", channel);
        }
    });
}
