using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal sealed class LogHandler(DealEditor editor, DealReplies replies) : CommandHandler<LogInteraction>
{
    protected override Task<Reply> HandleAsync(LogInteraction command, CommandContext ctx, CancellationToken ct) =>
        editor.ChangeAsync(
            ctx, command.Deal,
            (deal, _) => DealRules.Log(deal, command.Kind, command.Text, ctx.User, ctx.Now),
            (change, _) => replies.Changed(ctx, change.After, command.Text is null
                ? replies.Text["Logged", replies.Text["Kind_" + command.Kind], change.After.Name]
                : replies.Text["LoggedWithText", replies.Text["Kind_" + command.Kind], change.After.Name, command.Text]),
            ct);
}

internal sealed class NextStepHandler(DealEditor editor, DealReplies replies) : CommandHandler<SetNextStep>
{
    protected override Task<Reply> HandleAsync(SetNextStep command, CommandContext ctx, CancellationToken ct) =>
        editor.ChangeAsync(
            ctx, command.Deal,
            (deal, _) => DealRules.SetNextStep(deal, command.Date, command.Text, ctx.Today, ctx.User, ctx.Now),
            (change, _) => replies.Changed(ctx, change.After, replies.Text[
                "NextStepSet", change.After.Name, DealReplies.Date(command.Date), command.Text ?? string.Empty].TrimEnd(' ', '—', ':')),
            ct);
}

internal sealed class SnoozeHandler(DealEditor editor, DealReplies replies) : CommandHandler<SnoozeDeal>
{
    protected override Task<Reply> HandleAsync(SnoozeDeal command, CommandContext ctx, CancellationToken ct) =>
        editor.ChangeAsync(
            ctx, command.Deal,
            (deal, _) => DealRules.Snooze(deal, command.Until, command.Reason, ctx.Today, ctx.User, ctx.Now),
            (change, _) => replies.Changed(ctx, change.After, replies.Text["Snoozed", change.After.Name, DealReplies.Date(command.Until)]),
            ct);
}
