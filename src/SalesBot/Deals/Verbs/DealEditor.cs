using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

/// <summary>
/// Applies a rule to a deal the user named: resolve it, then write through <see cref="DealWriter"/>, which decides again
/// on a fresh read after any conflict; whether the user may change the deal is checked on every version decided on.
/// </summary>
internal sealed class DealEditor(DealWriter writer, DealResolver resolver, DealReplies replies)
{
    private const string NotYours = "NotYours";

    public delegate DealDecision Decide(Deal current, string? tail);

    public delegate Reply Success(DealChange change, Deal before);

    public async Task<Reply> ChangeAsync(CommandContext ctx, DealRef dealRef, Decide decide, Success success, CancellationToken ct)
    {
        var resolution = await resolver.ResolveAsync(ctx, dealRef, mayUseCache: true, ct);
        if (resolution is not Resolution.Found found)
        {
            return replies.Unresolved(resolution, dealRef);
        }

        // The deal as resolved is what the rule first decides on (a stage move checks the stage the user saw).
        var result = await writer.UpdateAsync(
            ctx.Tenant.Tenant, found.Snapshot, deal => ctx.CanChange(deal) ? decide(deal, found.Tail) : new DealRefusal(NotYours), ctx.OperationId, ct);
        return result switch
        {
            WriteResult.Written w => success(w.Change, w.Before!),
            WriteResult.AlreadyWritten again => replies.AlreadyDone(ctx, again.Snapshot.Deal),
            WriteResult.Refused { Refusal.Reason: NotYours, Current: { } deal } => replies.NotYours(deal),
            WriteResult.Refused refused => replies.Refusal(refused.Refusal, refused.Current),
            WriteResult.NameTaken taken => new Reply(replies.Text["NameTaken", taken.Name]) { IsError = true },
            WriteResult.Gone => replies.Unresolved(new Resolution.NotFound([]), dealRef),
            _ => new Reply(replies.Text["Busy", ((WriteResult.Busy)result).Current?.Name ?? found.Snapshot.Deal.Name]) { IsError = true },
        };
    }
}
