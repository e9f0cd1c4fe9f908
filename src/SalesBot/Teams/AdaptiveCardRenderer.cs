using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Messaging;

namespace SalesBot.Teams;

/// <summary>
/// Reply → Adaptive Card 1.5: header, lead, FactSet, list, footer, and buttons as Action.Execute (falling back to
/// Action.Submit on older clients) whose data carries the command. Kept well under Teams' message size limit.
/// Spec: https://adaptivecards.io/explorer/ and https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview
/// </summary>
internal static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Verb = "command";
    /// <summary>In a button's data: the user id it was offered to.</summary>
    public const string OfferedToKey = "offeredTo";
    private const int MaxActions = 6;
    private const int MaxItems = 50;
    private const int MaxText = 20_000;

    public static JsonObject Card(Reply reply)
    {
        var body = new JsonArray();
        if (reply.Header is { Length: > 0 } header)
        {
            body.Add(Text(header, size: "Medium", bold: true));
        }

        var lead = reply.Lead ?? (reply.Fields.Count == 0 && reply.Items.Count == 0 ? reply.Text : null);
        if (lead is { Length: > 0 })
        {
            body.Add(Text(lead, color: reply.IsError ? "Attention" : null));
        }

        if (reply.Fields.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(reply.Fields.Select(f => (JsonNode)new JsonObject { ["title"] = Escape(f.Label), ["value"] = Cut(Escape(f.Value)) }).ToArray()),
            });
        }

        if (reply.Items.Count > 0)
        {
            var items = reply.Items.Take(MaxItems).Select(i => "- " + Escape(i)).ToList();
            if (reply.Items.Count > MaxItems)
            {
                items.Add($"…and {reply.Items.Count - MaxItems} more");
            }

            body.Add(Block(Cut(string.Join("\r", items))));
        }

        if (reply.Chart is { ImageUrl: { } url } chart && url.StartsWith("https://", StringComparison.Ordinal))
        {
            // Teams fetches card images itself: only a public https address (PublicUrl) can show.
            body.Add(new JsonObject { ["type"] = "Image", ["url"] = url, ["altText"] = Cut(chart.AltText), ["size"] = "Stretch" });
        }

        if (reply.Footer is { Length: > 0 } footer)
        {
            body.Add(Text(footer, subtle: true));
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (reply.Buttons.Count > 0)
        {
            card["actions"] = new JsonArray(reply.Buttons.Take(MaxActions).Select(b => Action(b, reply.Visibility == Visibility.Public)).ToArray());
        }

        return card;
    }

    /// <summary>
    /// A form as a dialog card: one input per field (its id the field's id), each error in red under its input, and a
    /// submit button whose data names the form and carries <paramref name="data"/> (the message a "Log to deal" came from).
    /// </summary>
    public static JsonObject FormCard(Forms.Form form, IReadOnlyDictionary<string, string>? errors = null, IReadOnlyDictionary<string, string>? data = null)
    {
        var body = new JsonArray();
        foreach (var field in form.Fields)
        {
            var input = field.Kind switch
            {
                Forms.FieldKind.Date => new JsonObject { ["type"] = "Input.Date" },
                Forms.FieldKind.Choice or Forms.FieldKind.Deal => new JsonObject
                {
                    ["type"] = "Input.ChoiceSet",
                    ["style"] = field.Kind == Forms.FieldKind.Deal ? "filtered" : "compact",
                    ["choices"] = new JsonArray([.. (field.Choices ?? []).Take(100).Select(c => (JsonNode)new JsonObject { ["title"] = c.Label, ["value"] = c.Value })]),
                },
                _ => new JsonObject { ["type"] = "Input.Text", ["isMultiline"] = field.Kind == Forms.FieldKind.LongText, ["maxLength"] = 3000 },
            };
            input["id"] = field.Id;
            input["label"] = field.Label;
            input["isRequired"] = !field.Optional;
            if (field.Initial is { Length: > 0 } initial)
            {
                input["value"] = initial;
            }

            if (field.Placeholder is { } placeholder)
            {
                input["placeholder"] = placeholder;
            }

            body.Add(input);
            if (errors?.GetValueOrDefault(field.Id) is { } error)
            {
                body.Add(Text(error, color: "Attention"));
            }
        }

        var submit = new JsonObject { ["form"] = form.Id };
        foreach (var (key, value) in data ?? new Dictionary<string, string>())
        {
            submit[key] = value;
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Submit", ["title"] = form.Submit, ["data"] = submit }),
        };
    }

    /// <summary>An outbound message: the card plus the plain-text fallback.</summary>
    public static Activity Message(Reply reply) => new()
    {
        Type = "message",
        Text = Cut(reply.Text),
        TextFormat = "plain",
        Attachments = [new Attachment(ContentType, JsonSerializer.SerializeToElement(Card(reply)))],
    };

    /// <summary>In a button's data: the card is one everyone sees (a feed post), so a click answers only the clicker and never replaces it.</summary>
    public const string KeepKey = "keep";

    private static JsonNode Action(ReplyButton button, bool keepsCard)
    {
        if (Forms.DealForms.Requested(button.Command) is not null)
        {
            // A button that asks for a form opens it as a dialog (task/fetch), as Teams' bot dialogs are opened from cards.
            return new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = button.Label,
                ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "task/fetch" }, ["command"] = button.Command },
            };
        }

        var data = new JsonObject { ["command"] = button.Command };
        if (keepsCard)
        {
            data[KeepKey] = true;
        }

        if (button.OfferedTo is { } offeredTo)
        {
            data[OfferedToKey] = offeredTo;
        }

        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = button.Label,
            ["verb"] = Verb,
            ["data"] = data,
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = button.Label, ["data"] = data.DeepClone() },
        };
        if (button.Style != ButtonStyle.Default)
        {
            action["style"] = button.Style == ButtonStyle.Primary ? "positive" : "destructive";
        }

        return action;
    }

    /// <summary>
    /// Adaptive Card TextBlocks and facts render Markdown (bold, italic, lists, links), so echoed text has its specials
    /// backslash-escaped (CommonMark §2.4, which the card renderers follow; parentheses need none once brackets are
    /// escaped): a deal named "[Pay](https://evil.example)" shows as those characters, never as a link. Line starts
    /// that would open a list ("- ", "3. ") or a heading are escaped too.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var lineStart = true;
        var digitsOnly = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            var escape = c is '\\' or '*' or '_' or '[' or ']' or '`' or '~' or '<' or '>'
                || (lineStart && c is '#' or '-' or '+')
                || (digitsOnly && c is '.' or ')' && next is ' ' or '\t');
            if (escape)
            {
                sb.Append('\\');
            }

            sb.Append(c);
            digitsOnly = char.IsAsciiDigit(c) && (lineStart || digitsOnly);
            lineStart = c is '\n' or '\r' || (lineStart && c is ' ' or '\t');
        }

        return sb.ToString();
    }

    private static JsonObject Text(string text, string? size = null, bool bold = false, bool subtle = false, string? color = null) =>
        Block(Escape(text), size, bold, subtle, color);

    private static JsonObject Block(string markdown, string? size = null, bool bold = false, bool subtle = false, string? color = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = Cut(markdown), ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        return block;
    }

    private static string Cut(string text) => text.Length <= MaxText ? text : text[..(MaxText - 1)] + "…";
}
