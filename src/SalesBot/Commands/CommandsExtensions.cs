using SalesBot.Commands.Handlers;
using SalesBot.Messaging;

namespace SalesBot.Commands;

public static class CommandsExtensions
{
    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        services.AddSingleton<DealResolver>();
        services.AddSingleton<DealEditor>();
        services.AddSingleton<DealReplies>();
        services.AddSingleton<PeopleResolver>();
        services.AddSingleton<Pipeline.PipelineReplies>();
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
        services.AddSingleton<ICommandHandler, PipelineHandler>();
        services.AddSingleton<ICommandHandler, ConfigHandler>();
        return services;
    }
}
