using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal static class DealVerbsExtensions
{
    /// <summary>The deal verbs: new, advance, back, log, next, snooze, won, lost, reopen, set, show, list, help.</summary>
    public static IServiceCollection AddDealVerbs(this IServiceCollection services)
    {
        services.AddSingleton<DealResolver>();
        services.AddSingleton<DealSearch>();
        services.AddSingleton<LearnedStallLimits>();
        services.AddSingleton<Forms.DealForms>();
        services.AddSingleton<DealEditor>();
        services.AddSingleton<DealReplies>();
        services.AddSingleton<PeopleResolver>();
        services.AddCommandHandlersOf<DealEditor>();
        return services;
    }
}
