using SalesBot.Commands;

namespace SalesBot.Messaging;

/// <summary>Handles one kind of <see cref="Command"/>; the dispatcher routes by the command's type.</summary>
internal interface ICommandHandler
{
    Type CommandType { get; }

    Task<Reply> HandleAsync(Command command, CommandContext context, CancellationToken ct);
}

internal static class CommandHandlerRegistration
{
    /// <summary>
    /// Registers every <see cref="ICommandHandler"/> in the namespace of <typeparamref name="TFeature"/>: a feature's
    /// handlers are found, not listed, so a new verb needs no registration line.
    /// </summary>
    public static IServiceCollection AddCommandHandlersOf<TFeature>(this IServiceCollection services)
    {
        var feature = typeof(TFeature);
        foreach (var type in feature.Assembly.GetTypes().Where(t => t.Namespace == feature.Namespace && t is { IsAbstract: false, IsClass: true }
            && typeof(ICommandHandler).IsAssignableFrom(t)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            services.AddSingleton(typeof(ICommandHandler), type);
        }

        return services;
    }
}

internal abstract class CommandHandler<T> : ICommandHandler
    where T : Command
{
    public Type CommandType => typeof(T);

    public Task<Reply> HandleAsync(Command command, CommandContext context, CancellationToken ct) =>
        HandleAsync((T)command, context, ct);

    protected abstract Task<Reply> HandleAsync(T command, CommandContext context, CancellationToken ct);
}
