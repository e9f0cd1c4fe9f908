using System.Globalization;

namespace SalesBot.Tenants;

/// <summary>
/// The languages SalesBot replies in, and which one a person gets: the one they chose (<c>deal language da|en</c>),
/// else their chat client's language when it is Danish, else the team's language (<c>config language</c> or
/// <c>Tenants:…:Locale</c>), else their client's, else English. An English client does not outvote a Danish team: Slack
/// has no Danish display language, so every Danish Slack user reports <c>en-US</c>, and many Danes run Teams in English.
/// A locale naming a language SalesBot does not speak (or no language at all) is passed over.
/// </summary>
internal static class Languages
{
    public const string English = "en";
    public const string Danish = "da";

    public static readonly IReadOnlyList<string> Supported = [English, Danish];

    /// <summary>"da-DK", "da_dk", "DA" → "da"; "en-GB" → "en"; anything else → null.</summary>
    public static string? Of(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = locale.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(language) ? language : null;
    }

    public static string Pick(string? chosen, string? channelLocale, string? teamLocale) => Explain(chosen, channelLocale, teamLocale).Language;

    /// <summary>The language <see cref="Pick"/> gives, and which of the three (or none: "default") gave it.</summary>
    public static (string Language, string Source) Explain(string? chosen, string? channelLocale, string? teamLocale) =>
        Of(chosen) is { } own ? (own, "chosen")
        : Of(channelLocale) is { } client && client != English ? (client, "client")
        : Of(teamLocale) is { } team ? (team, "team")
        : Of(channelLocale) is { } english ? (english, "client")
        : (English, "default");

    /// <summary>Replies built on this thread from now on are in <paramref name="language"/> (a value of <see cref="Pick"/>).</summary>
    public static void Use(string language) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);

    /// <summary>The language of the replies being built now.</summary>
    public static string Current => Of(CultureInfo.CurrentUICulture.Name) ?? English;
}
