using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal sealed class AdvanceHandler(DealEditor editor, DealReplies replies) : CommandHandler<AdvanceDeal>
{
    protected override Task<Reply> HandleAsync(AdvanceDeal command, CommandContext ctx, CancellationToken ct)
    {
        var process = ctx.Tenant.Process;
        StageDefinition? to = null, from = null;
        if (command.To is { } toText && !StageLookup.TryFind(process, toText, replies, out to, out var toError))
        {
            return Task.FromResult(toError!);
        }

        if (command.From is { } fromText && !StageLookup.TryFind(process, fromText, replies, out from, out var fromError))
        {
            return Task.FromResult(fromError!);
        }

        // The stage the user saw: from the button that sent the command, else the deal as first read.
        var seen = from?.Key;
        return editor.ChangeAsync(
            ctx, command.Deal,
            (deal, _) => DealRules.Advance(deal, process, to?.Key, seen ??= deal.Stage, ctx.User, ctx.Now),
            (change, before) => replies.Changed(ctx, change.After, replies.Text[
                "Moved", change.After.Name, process.Get(before.Stage).Name, process.Get(change.After.Stage).Name, process.Get(change.After.Stage).Probability]),
            ct);
    }
}

internal sealed class BackHandler(DealEditor editor, DealReplies replies) : CommandHandler<BackDeal>
{
    protected override Task<Reply> HandleAsync(BackDeal command, CommandContext ctx, CancellationToken ct)
    {
        var process = ctx.Tenant.Process;
        StageDefinition? from = null;
        if (command.From is { } fromText && !StageLookup.TryFind(process, fromText, replies, out from, out var error))
        {
            return Task.FromResult(error!);
        }

        var seen = from?.Key;
        return editor.ChangeAsync(
            ctx, command.Deal,
            (deal, _) => DealRules.Back(deal, process, seen ??= deal.Stage, ctx.User, ctx.Now),
            (change, before) => replies.Changed(ctx, change.After, replies.Text[
                "MovedBack", change.After.Name, process.Get(before.Stage).Name, process.Get(change.After.Stage).Name]),
            ct);
    }
}

internal static class StageLookup
{
    public static bool TryFind(SalesProcess process, string text, DealReplies replies, out StageDefinition? stage, out Reply? error)
    {
        var found = process.Find(text);
        stage = found.Count == 1 ? found[0] : null;
        error = found.Count switch
        {
            1 => null,
            0 => new Reply(replies.Text["UnknownStage", text, string.Join(", ", process.Stages.Select(s => s.Name))]) { IsError = true },
            _ => new Reply(replies.Text["AmbiguousStage", text, string.Join(", ", found.Select(s => s.Name))]) { IsError = true },
        };
        return stage is not null;
    }
}
