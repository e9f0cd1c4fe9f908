using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Deals.Verbs;

internal sealed class SetFieldHandler(DealEditor editor, PeopleResolver people, DealReplies replies) : CommandHandler<SetDealField>
{
    protected override async Task<Reply> HandleAsync(SetDealField command, CommandContext ctx, CancellationToken ct)
    {
        UserRef? newOwner = null;
        if (command.Field == DealField.Owner)
        {
            var person = await people.ResolveAsync(ctx, (string)command.Value, ct);
            if (person.User is null)
            {
                return person.Error!;
            }

            newOwner = person.User;
        }

        var value = newOwner is null ? command.Value : newOwner.Name;

        if (command.Value is DateOnly close && close < ctx.Today)
        {
            return replies.Refusal(new DealRefusal("DateInPast", close), null);
        }

        return await editor.ChangeAsync(
            ctx, command.Deal,
            (deal, _) => command.Field switch
            {
                DealField.Amount => DealRules.SetAmount(deal, (Money)command.Value, ctx.User, ctx.Now),
                DealField.Close => DealRules.SetCloseDate(deal, (DateOnly)command.Value, ctx.User, ctx.Now),
                DealField.Segment => DealRules.SetSegment(deal, (Segment)command.Value, ctx.User, ctx.Now),
                DealField.Owner => DealRules.SetOwner(deal, newOwner!, ctx.User, ctx.Now),
                DealField.Name => DealRules.SetName(deal, (string)command.Value, ctx.User, ctx.Now),
                _ => DealRules.SetCategory(deal, (ForecastCategory)command.Value, ctx.User, ctx.Now),
            },
            (change, before) => replies.Changed(ctx, change.After, replies.Text[
                "FieldSet", before.Name, replies.Text["Field_" + command.Field], Display(value)]),
            ct);
    }

    private string Display(object value) => value switch
    {
        Money m => replies.Money(m),
        DateOnly d => DealReplies.Date(d),
        Segment s => replies.Segment(s),
        ForecastCategory c => replies.Text["Category_" + c],
        _ => value.ToString() ?? string.Empty,
    };
}
