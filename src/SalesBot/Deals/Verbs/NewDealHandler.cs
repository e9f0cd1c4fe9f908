using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal sealed class NewDealHandler(IDealStore store, PeopleResolver people, DealReplies replies, Reminders.ReminderScheduler scheduler) : CommandHandler<NewDeal>
{
    private const int MaxIdAttempts = 5;

    protected override async Task<Reply> HandleAsync(NewDeal command, CommandContext ctx, CancellationToken ct)
    {
        var t = replies.Text;
        var owner = ctx.User;
        if (command.Owner is { } mention)
        {
            var person = await people.ResolveAsync(ctx, mention, ct);
            if (person.User is null)
            {
                return person.Error!;
            }

            if (person.User.Id != ctx.User.Id && !ctx.IsManager)
            {
                return new Reply(t["OnlyManagersAssign"]) { IsError = true };
            }

            owner = person.User;
        }

        if (command.Close is { } close && close < ctx.Today)
        {
            return replies.Refusal(new DealRefusal("DateInPast", close), null);
        }

        for (var attempt = 0; attempt < MaxIdAttempts; attempt++)
        {
            var decision = DealRules.Create(
                DealIds.New(), command.Name, owner, command.Amount, command.Segment ?? ctx.Tenant.DefaultSegment, command.Close,
                ctx.Tenant.Process, ctx.User, ctx.Now);
            if (decision is DealRefusal refusal)
            {
                return replies.Refusal(refusal, null);
            }

            var change = (DealChange)decision;
            switch (await store.CreateAsync(ctx.Tenant.Tenant, change, ctx.OperationId, ct))
            {
                case WriteOutcome.Applied { Replayed: true } replay:
                    return replies.AlreadyDone(ctx, replay.Snapshot.Deal);
                case WriteOutcome.Applied:
                    var d = change.After;
                    await scheduler.AfterChangeAsync(ctx.Tenant, d, ct);
                    var sentence = t["Created", d.Name, d.Id, ctx.Tenant.Process.Get(d.Stage).Name, replies.Money(d.Amount), replies.Segment(d.Segment), d.Owner.Name]
                        + (d.CloseDate is { } c ? " " + t["CreatedClose", DealReplies.Date(c)] : string.Empty);
                    return replies.Changed(ctx, d, sentence);
                case WriteOutcome.NameTaken:
                    var existing = await store.FindOpenByNameAsync(ctx.Tenant.Tenant, TextKey.Normalize(command.Name), mayUseCache: false, ct);
                    return new Reply(t["NameTakenNew", command.Name.Trim(), existing?.Deal.Id ?? "?"])
                    {
                        IsError = true,
                        Buttons = existing is null ? [] : [new(t["ButtonShow"], $"deal show {existing.Deal.Id}")],
                    };
            }
        }

        return new Reply(t["Busy", command.Name]) { IsError = true };
    }
}
