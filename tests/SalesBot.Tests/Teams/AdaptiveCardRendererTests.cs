using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SalesBot.Messaging;
using SalesBot.Teams;

namespace SalesBot.Tests.Teams;

public sealed partial class AdaptiveCardRendererTests
{
    // What Markdown would read as formatting or a link if a backslash did not precede it.
    [GeneratedRegex(@"(?<!\\)(\[|\]|\*|_|`|~|<|>)")]
    private static partial Regex UnescapedSpecial();

    [Theory]
    [InlineData("[Pay invoice](https://evil.example)", @"\[Pay invoice\](https://evil.example)")]
    [InlineData("**urgent** _now_", @"\*\*urgent\*\* \_now\_")]
    [InlineData(@"C:\path\", @"C:\\path\\")]
    [InlineData("- not a list", @"\- not a list")]
    [InlineData("12. not a list", @"12\. not a list")]
    [InlineData("# not a heading", @"\# not a heading")]
    [InlineData("<https://evil.example>", @"\<https://evil.example\>")]
    [InlineData("Acme (Nordic) A/S - 2. round", "Acme (Nordic) A/S - 2. round")]
    [InlineData("Acme 1.5 m", "Acme 1.5 m")]
    public void Markdown_specials_in_user_text_are_shown_as_typed(string text, string escaped)
    {
        Assert.Equal(escaped, AdaptiveCardRenderer.Escape(text));
    }

    [Fact]
    public void A_hostile_deal_name_is_never_a_link_or_formatting_anywhere_on_the_card()
    {
        const string hostile = "[Pay invoice](https://evil.example) **now** <https://evil.example>";
        var reply = new Reply($"Marked {hostile} as won.")
        {
            Header = hostile,
            Lead = $"Marked {hostile} as won.",
            Fields = [new(hostile, hostile)],
            Items = [hostile, "- " + hostile],
            Footer = hostile,
            Buttons = [new ReplyButton("Show", "deal show " + hostile)],
        };

        var card = AdaptiveCardRenderer.Card(reply);

        var texts = card["body"]!.AsArray().SelectMany(Texts).ToArray();
        Assert.Equal(6, texts.Length); // header, lead, fact title, fact value, list, footer
        Assert.All(texts, t => Assert.DoesNotMatch(UnescapedSpecial(), t));
        Assert.All(texts, t => Assert.Contains(@"\[Pay invoice\](https://evil.example)", t, StringComparison.Ordinal));
        // The list keeps its own bullets; an item that starts like a bullet does not start a nested list.
        var list = texts[4].Split('\r');
        Assert.Equal(["- ", @"- \- "], list.Select(l => l[..l.IndexOf(@"\[", StringComparison.Ordinal)]));
        // Button titles are plain text and the command runs exactly as typed.
        Assert.Equal("deal show " + hostile, card["actions"]![0]!["data"]!["command"]!.GetValue<string>());
        // The plain-text fallback is declared plain, so it is shown as typed.
        var message = AdaptiveCardRenderer.Message(reply);
        Assert.Equal(("plain", $"Marked {hostile} as won."), (message.TextFormat, message.Text));
    }

    private static IEnumerable<string> Texts(JsonNode? block) => block!["type"]!.GetValue<string>() switch
    {
        "TextBlock" => [block["text"]!.GetValue<string>()],
        "FactSet" => block["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
        _ => [],
    };
}
