using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

/// <summary>
/// Applies a rule to a deal the user named: resolve, check the user may change it, decide, write conditionally.
/// When someone else changed the deal in between, the deal is read again and the rule decides again, so an update is
/// never lost and a stage move never applies to a stage the user did not see. Writers to one deal in this process take
/// turns, so a burst on a deal queues instead of spending its attempts on itself; the ETag still guards across instances.
/// </summary>
internal sealed class DealEditor(IDealStore store, DealResolver resolver, DealReplies replies, Reminders.ReminderScheduler scheduler)
{
    private const int MaxAttempts = 12;

    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    public delegate DealDecision Decide(Deal current, string? tail);

    public delegate Reply Success(DealChange change, Deal before);

    public async Task<Reply> ChangeAsync(CommandContext ctx, DealRef dealRef, Decide decide, Success success, CancellationToken ct)
    {
        var resolution = await resolver.ResolveAsync(ctx, dealRef, mayUseCache: true, ct);
        if (resolution is not Resolution.Found found)
        {
            return replies.Unresolved(resolution, dealRef);
        }

        var turn = _turns[(uint)StringComparer.Ordinal.GetHashCode($"{ctx.Tenant.Tenant}|{found.Snapshot.Deal.Id}") % (uint)_turns.Length];
        // The deal as resolved is what the rule first decides on (a stage move checks the stage the user saw); if someone
        // wrote while this command waited, the conditional write fails once and the loop decides again on the fresh deal.
        await turn.WaitAsync(ct);
        try
        {
            return await WriteAsync(ctx, dealRef, found.Tail, found.Snapshot, decide, success, ct);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<Reply> WriteAsync(CommandContext ctx, DealRef dealRef, string? tail, DealSnapshot snapshot, Decide decide, Success success, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!ctx.CanChange(snapshot.Deal))
            {
                return replies.NotYours(snapshot.Deal);
            }

            var decision = decide(snapshot.Deal, tail);
            if (decision is DealRefusal refusal)
            {
                return replies.Refusal(refusal, snapshot.Deal);
            }

            var change = (DealChange)decision;
            switch (await store.UpdateAsync(ctx.Tenant.Tenant, snapshot, change, ctx.OperationId, ct))
            {
                case WriteOutcome.Applied { Replayed: true } replay:
                    return replies.AlreadyDone(ctx, replay.Snapshot.Deal);
                case WriteOutcome.Applied:
                    await scheduler.AfterChangeAsync(ctx.Tenant, change.After, ct, snapshot.Deal);
                    return success(change, snapshot.Deal);
                case WriteOutcome.NameTaken taken:
                    return new Reply(replies.Text["NameTaken", taken.Name]) { IsError = true };
                default:
                    var fresh = await store.GetAsync(ctx.Tenant.Tenant, snapshot.Deal.Id, mayUseCache: false, ct);
                    if (fresh is null)
                    {
                        return replies.Unresolved(new Resolution.NotFound([]), dealRef);
                    }

                    snapshot = fresh;

                    // Under heavy contention, step aside a little (wall-clock, jittered) before trying again.
                    if (attempt >= 2)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), ct);
                    }

                    break;
            }
        }

        return new Reply(replies.Text["Busy", snapshot.Deal.Name]) { IsError = true };
    }
}
