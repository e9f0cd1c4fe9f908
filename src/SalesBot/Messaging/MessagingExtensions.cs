namespace SalesBot.Messaging;

public static class MessagingExtensions
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<Phrases>();
        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
