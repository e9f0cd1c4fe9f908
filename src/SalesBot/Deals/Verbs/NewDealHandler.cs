using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal sealed class NewDealHandler(DealWriter writer, IDealStore store, PeopleResolver people, DealReplies replies) : CommandHandler<NewDeal>
{
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

        var result = await writer.CreateAsync(
            ctx.Tenant.Tenant,
            id => DealRules.Create(id, command.Name, owner, command.Amount, command.Segment ?? ctx.Tenant.DefaultSegment, command.Close, ctx.Tenant.Process, ctx.User, ctx.Now),
            ctx.OperationId,
            ct);
        switch (result)
        {
            case WriteResult.Refused refused:
                return replies.Refusal(refused.Refusal, null);
            case WriteResult.AlreadyWritten again:
                return replies.AlreadyDone(ctx, again.Snapshot.Deal);
            case WriteResult.Written written:
                var d = written.Change.After;
                var sentence = t["Created", d.Name, d.Id, ctx.Tenant.Process.Get(d.Stage).Name, replies.Money(d.Amount), replies.Segment(d.Segment), d.Owner.Name]
                    + (d.CloseDate is { } c ? " " + t["CreatedClose", DealReplies.Date(c)] : string.Empty);
                return replies.Changed(ctx, d, sentence);
            case WriteResult.NameTaken:
                var existing = await store.FindOpenByNameAsync(ctx.Tenant.Tenant, TextKey.Normalize(command.Name), mayUseCache: false, ct);
                return new Reply(t["NameTakenNew", command.Name.Trim(), existing?.Deal.Id ?? "?"])
                {
                    IsError = true,
                    Buttons = existing is null ? [] : [new(t["ButtonShow"], $"deal show {existing.Deal.Id}")],
                };
        }

        return new Reply(t["Busy", command.Name]) { IsError = true };
    }
}
