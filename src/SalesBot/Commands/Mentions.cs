using System.Text.RegularExpressions;

namespace SalesBot.Commands;

/// <summary>Mentions of people in command text: <c>@ann</c>, or a channel's own form such as <c>&lt;@U123|ann&gt;</c>.</summary>
internal static partial class Mentions
{
    [GeneratedRegex(@"^<@(?<id>[A-Z0-9]+)(?:\|(?<name>[^>]*))?>$", RegexOptions.IgnoreCase)]
    private static partial Regex ChannelForm();

    public static bool IsMention(string text) => (text.StartsWith('@') && text.Length > 1) || ChannelForm().IsMatch(text);

    /// <summary>The user id carried by a channel-form mention, or null for a plain <c>@name</c>.</summary>
    public static string? IdOf(string mention) => ChannelForm().Match(mention) is { Success: true } m ? m.Groups["id"].Value : null;

    /// <summary>The name part of a mention, without the @.</summary>
    public static string NameOf(string mention) => ChannelForm().Match(mention) is { Success: true } m
        ? (m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["id"].Value)
        : mention.TrimStart('@');
}
