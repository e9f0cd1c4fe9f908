using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal sealed class LogHandler(DealEditor editor, DealReplies replies) : CommandHandler<LogInteraction>
{
    protected override Task<Reply> HandleAsync(LogInteraction command, CommandContext ctx, CancellationToken ct) =>
        editor.ChangeAsync(
            ctx, command.Deal,
            // The text is typed after the kind, or (for a verb read as a deal followed by free text) what follows the deal's name.
            (deal, tail) => DealRules.Log(deal, command.Kind, command.Text ?? (string.IsNullOrWhiteSpace(tail) ? null : tail.Trim()), ctx.User, ctx.Now),
            (change, _) => replies.Changed(ctx, change.After, change.Event.Text is not { } text
                ? replies.Text["Logged", replies.Text["KindWithArticle_" + command.Kind], change.After.Name]
                : replies.Text["LoggedWithText", replies.Text["KindWithArticle_" + command.Kind], change.After.Name, text]),
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
