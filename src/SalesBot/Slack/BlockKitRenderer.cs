using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Messaging;

namespace SalesBot.Slack;

/// <summary>
/// Reply → Block Kit, within Slack's limits (50 blocks, header 150, section text 3,000, 10 fields of 2,000, button text 75,
/// value 2,000): anything longer is cut with "…and N more" rather than rejected. Spec: https://api.slack.com/reference/block-kit
/// </summary>
internal static class BlockKitRenderer
{
    private const int HeaderMax = 150;
    private const int SectionMax = 3000;
    private const int FieldMax = 2000;
    private const int FieldsMax = 10;
    private const int ButtonTextMax = 75;
    private const int ButtonValueMax = 2000;
    private const int ButtonsMax = 25;
    private const int BlocksMax = 50;
    private const int ItemSectionsMax = 10;

    /// <summary>
    /// Every piece of text goes out escaped: Slack reads the top-level <c>text</c> as mrkdwn too, so a deal named
    /// <c>&lt;!channel&gt;</c> or <c>&lt;https://evil.example|click&gt;</c> would otherwise ping a channel or hide a link.
    /// </summary>
    public static SlackMessage Render(Reply reply, bool inChannel = false, bool replaceOriginal = false) => new(
        Cut(Escape(reply.Text), 39_000),
        Blocks(reply),
        ResponseType: inChannel || reply.Visibility == Visibility.Public ? "in_channel" : "ephemeral",
        ReplaceOriginal: replaceOriginal ? true : null);

    /// <summary>Between a button's index and the user it was offered to, in its action_id (Slack returns action_id as sent).</summary>
    public const string OfferedToMark = "-for-";

    /// <summary>
    /// Starts the action_id of a button on a message everyone sees (a feed post): a click answers only the clicker and
    /// never replaces the message.
    /// </summary>
    public const string KeepMark = "keep-";

    public static JsonElement Blocks(Reply reply)
    {
        var blocks = new JsonArray();
        if (reply.Header is { Length: > 0 } header)
        {
            blocks.Add(new JsonObject { ["type"] = "header", ["text"] = PlainText(Cut(header, HeaderMax)) });
        }

        var lead = reply.Lead ?? (reply.Fields.Count == 0 && reply.Items.Count == 0 ? reply.Text : null);
        if (lead is { Length: > 0 })
        {
            blocks.Add(Section(Cut(Escape(lead), SectionMax)));
        }

        if (reply.Fields.Count > 0)
        {
            var fields = new JsonArray();
            foreach (var f in reply.Fields.Take(FieldsMax))
            {
                fields.Add(Mrkdwn(Cut($"*{Escape(f.Label)}*\n{Escape(f.Value)}", FieldMax)));
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
            if (reply.Fields.Count > FieldsMax)
            {
                blocks.Add(Context($"…and {reply.Fields.Count - FieldsMax} more"));
            }
        }

        foreach (var section in ItemSections(reply.Items))
        {
            blocks.Add(Section(section));
        }

        if (reply.Footer is { Length: > 0 } footer)
        {
            blocks.Add(Context(Cut(Escape(footer), SectionMax)));
        }

        if (reply.Buttons.Count > 0)
        {
            var elements = new JsonArray();
            var i = 0;
            foreach (var b in reply.Buttons.Where(b => b.Command.Length <= ButtonValueMax).Take(ButtonsMax))
            {
                var button = new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = (reply.Visibility == Visibility.Public ? KeepMark : string.Empty)
                        + (b.OfferedTo is { } offeredTo ? $"cmd-{i++}{OfferedToMark}{offeredTo}" : $"cmd-{i++}"),
                    ["text"] = PlainText(Cut(b.Label, ButtonTextMax)),
                    ["value"] = b.Command,
                };
                if (b.Style != ButtonStyle.Default)
                {
                    button["style"] = b.Style == ButtonStyle.Primary ? "primary" : "danger";
                }

                elements.Add(button);
            }

            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
        }

        while (blocks.Count > BlocksMax)
        {
            blocks.RemoveAt(BlocksMax - 1);
        }

        return JsonSerializer.SerializeToElement(blocks);
    }

    /// <summary>Slack mrkdwn needs exactly &amp;, &lt; and &gt; escaped in echoed text.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// The list, as many sections of at most 3,000 characters as it needs (a page of a long list always fits in a few);
    /// past <see cref="ItemSectionsMax"/> the rest is counted, item by item, in "…and N more".
    /// </summary>
    private static IEnumerable<string> ItemSections(IReadOnlyList<string> items)
    {
        var lines = new List<string>();
        var length = 0;
        var sections = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var line = Cut("• " + Escape(items[i]), SectionMax);
            if (length + line.Length + 1 > SectionMax)
            {
                if (++sections == ItemSectionsMax)
                {
                    yield return string.Join("\n", lines.Take(lines.Count - 1).Append($"…and {items.Count - i + 1} more"));
                    yield break;
                }

                yield return string.Join("\n", lines);
                (lines, length) = ([], 0);
            }

            lines.Add(line);
            length += line.Length + 1;
        }

        if (lines.Count > 0)
        {
            yield return string.Join("\n", lines);
        }
    }

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(text) };

    private static JsonObject Context(string text) => new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(text)) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
