using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal sealed class WonHandler(DealEditor editor, DealReplies replies) : CommandHandler<WinDeal>
{
    protected override Task<Reply> HandleAsync(WinDeal command, CommandContext ctx, CancellationToken ct) =>
        editor.ChangeAsync(
            ctx, command.Deal,
            (deal, tail) => DealRules.Win(deal, command.Note ?? tail ?? NoteFrom(command.Deal), ctx.User, ctx.Now),
            (change, _) => replies.Changed(ctx, change.After, replies.Text["Won", change.After.Name, replies.Money(change.After.Amount)], Visibility.Public),
            ct);

    private static string? NoteFrom(DealRef dealRef) => dealRef.Tail || dealRef.After.Length == 0 ? null : dealRef.After;
}

internal sealed class LostHandler(DealEditor editor, DealReplies replies) : CommandHandler<LoseDeal>
{
    protected override Task<Reply> HandleAsync(LoseDeal command, CommandContext ctx, CancellationToken ct) =>
        editor.ChangeAsync(
            ctx, command.Deal,
            (deal, tail) => DealRules.Lose(deal, command.Reason ?? tail ?? (command.Deal.Tail ? string.Empty : command.Deal.After), ctx.User, ctx.Now),
            (change, _) => replies.Changed(ctx, change.After, replies.Text["Lost", change.After.Name, change.After.LostReason ?? string.Empty]),
            ct);
}

internal sealed class ReopenHandler(DealEditor editor, DealReplies replies) : CommandHandler<ReopenDeal>
{
    protected override Task<Reply> HandleAsync(ReopenDeal command, CommandContext ctx, CancellationToken ct) =>
        editor.ChangeAsync(
            ctx, command.Deal,
            (deal, _) => DealRules.Reopen(deal, ctx.User, ctx.Now),
            (change, _) => replies.Changed(ctx, change.After, replies.Text["Reopened", change.After.Name, ctx.Tenant.Process.Get(change.After.Stage).Name]),
            ct);
}
