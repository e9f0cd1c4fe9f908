namespace SalesBot.Messaging;

internal static class MessagingExtensions
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<Phrases>();
        services.AddSingleton<DealText>();
        services.AddSingleton<ChannelTenants>();
        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<InboundPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundPipeline>());
        services.AddHostedService<InboxPruner>();
        services.AddSingleton<InboxReplay>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxReplay>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
