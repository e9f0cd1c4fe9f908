using SalesBot.Commands;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Deals.Verbs;

/// <summary>Turns <c>@ann</c> or a channel mention into a known user of the tenant.</summary>
internal sealed class PeopleResolver(IUserDirectory directory, Phrases t)
{
    public sealed record Result(UserRef? User, Reply? Error);

    public async Task<Result> ResolveAsync(CommandContext ctx, string mention, CancellationToken ct)
    {
        var name = Mentions.NameOf(mention);
        var wanted = TextKey.Normalize(name);
        if (ctx.Message.Mentions?.FirstOrDefault(m => m.Id == name) is { } mentioned)
        {
            // A mention the channel verified: "@{id}" with the person's name.
            return new Result(mentioned.Id == ctx.User.Id ? ctx.User : new UserRef(mentioned.Id, mentioned.Name), null);
        }

        if (wanted is "me" or "myself" || wanted == TextKey.Normalize(ctx.User.Name))
        {
            return new Result(ctx.User, null);
        }

        var fromChannel = ctx.Message.Mentions?.Where(m => TextKey.Normalize(m.Name) == wanted).ToArray() ?? [];
        if (fromChannel.Length == 1)
        {
            return new Result(new UserRef(fromChannel[0].Id, fromChannel[0].Name), null);
        }

        if (wanted.Length == 0)
        {
            return new Result(null, new Reply(t["UnknownUser", name]) { IsError = true });
        }

        var found = await directory.FindAsync(ctx.Tenant.Tenant, name, ct);
        var exact = found.Where(u => TextKey.Normalize(u.Name) == wanted || u.Id == name).ToArray();
        return (exact.Length == 1 ? exact : found) switch
        {
            [var one] => new Result(one, null),
            [] => new Result(null, new Reply(t["UnknownUser", name]) { IsError = true }),
            var many => new Result(null, new Reply(t["AmbiguousUser", name, string.Join(", ", many.Select(u => u.Name))]) { IsError = true }),
        };
    }
}
