using SalesBot.Commands;
using SalesBot.Messaging;

namespace SalesBot.Tenants.People;

/// <summary><c>deal language</c>: which language SalesBot answers a person in, and their choice of it.</summary>
internal sealed class LanguageHandler(IUserDirectory directory, Phrases t) : CommandHandler<ChooseLanguage>
{
    protected override async Task<Reply> HandleAsync(ChooseLanguage command, CommandContext ctx, CancellationToken ct)
    {
        var tenant = ctx.Tenant.Tenant;
        if (command.JustShow)
        {
            var chosen = await directory.ChosenLanguageAsync(tenant, ctx.User.Id, ct);
            var (language, source) = Languages.Explain(chosen, ctx.Message.Locale, ctx.Tenant.Locale);
            return new Reply(t["LanguageShow", t["Language_" + language], t[source switch
            {
                "chosen" => "LanguageWhyChosen",
                "client" => "LanguageWhyClient",
                "team" => "LanguageWhyTeam",
                _ => "LanguageWhyDefault",
            }]]);
        }

        await directory.ChooseLanguageAsync(tenant, ctx.User, command.Language, ct);
        Languages.Use(Languages.Pick(command.Language, ctx.Message.Locale, ctx.Tenant.Locale));
        return new Reply(command.Language is null ? t["LanguageAutomatic", t["Language_" + Languages.Current]] : t["LanguageChosen"]);
    }
}

internal static class PeopleExtensions
{
    /// <summary>A person's own settings from chat: <c>deal language</c>.</summary>
    public static IServiceCollection AddPeopleSettings(this IServiceCollection services) =>
        services.AddCommandHandlersOf<LanguageHandler>();
}
