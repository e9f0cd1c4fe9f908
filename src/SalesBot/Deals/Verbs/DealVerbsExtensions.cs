using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal static class DealVerbsExtensions
{
    /// <summary>The deal verbs: new, advance, back, log, next, snooze, won, lost, reopen, set, show, list, help.</summary>
    public static IServiceCollection AddDealVerbs(this IServiceCollection services)
    {
        services.AddSingleton<DealResolver>();
        services.AddSingleton<DealEditor>();
        services.AddSingleton<DealReplies>();
        services.AddSingleton<PeopleResolver>();
        services.AddSingleton<ICommandHandler, NewDealHandler>();
        services.AddSingleton<ICommandHandler, AdvanceHandler>();
        services.AddSingleton<ICommandHandler, BackHandler>();
        services.AddSingleton<ICommandHandler, LogHandler>();
        services.AddSingleton<ICommandHandler, NextStepHandler>();
        services.AddSingleton<ICommandHandler, SnoozeHandler>();
        services.AddSingleton<ICommandHandler, WonHandler>();
        services.AddSingleton<ICommandHandler, LostHandler>();
        services.AddSingleton<ICommandHandler, ReopenHandler>();
        services.AddSingleton<ICommandHandler, SetFieldHandler>();
        services.AddSingleton<ICommandHandler, ShowHandler>();
        services.AddSingleton<ICommandHandler, ListHandler>();
        services.AddSingleton<ICommandHandler, HelpHandler>();
        return services;
    }
}
