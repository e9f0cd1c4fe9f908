namespace SalesBot.Commands;

/// <summary>
/// Mentions of people in command text: <c>@ann</c>, or <c>@{user id}</c>, which a channel writes for a mention it
/// verified (see <see cref="Messaging.IncomingMessage.Mentions"/>). Channel mention syntax never reaches the core.
/// </summary>
internal static class Mentions
{
    public static bool IsMention(string text) => text.StartsWith('@') && text.Length > 1;

    /// <summary>The name or id after the @.</summary>
    public static string NameOf(string mention) => mention.TrimStart('@');
}
