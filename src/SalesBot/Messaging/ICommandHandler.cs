using SalesBot.Commands;

namespace SalesBot.Messaging;

/// <summary>Handles one kind of <see cref="Command"/>; the dispatcher routes by the command's type.</summary>
internal interface ICommandHandler
{
    Type CommandType { get; }

    Task<Reply> HandleAsync(Command command, CommandContext context, CancellationToken ct);
}

internal abstract class CommandHandler<T> : ICommandHandler
    where T : Command
{
    public Type CommandType => typeof(T);

    public Task<Reply> HandleAsync(Command command, CommandContext context, CancellationToken ct) =>
        HandleAsync((T)command, context, ct);

    protected abstract Task<Reply> HandleAsync(T command, CommandContext context, CancellationToken ct);
}
