using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Forms;
using SalesBot.Messaging;

namespace SalesBot.Slack;

/// <summary>
/// Forms as Slack modals and a person's home as their App Home view, within Slack's limits (title, submit and close 24,
/// option text 75 and value 150, 100 blocks). Every input's block_id is the form field's id, so an error can be shown
/// on it. Spec: https://api.slack.com/surfaces/modals, https://api.slack.com/surfaces/app-home
/// </summary>
internal static class SlackViews
{
    private const int BlocksMax = 100;
    private const int OptionTextMax = 75;
    private const int OptionsMax = 100;

    /// <summary>The action_id of every input: one element per block.</summary>
    public const string InputAction = "v";

    public static JsonObject Modal(Form form, string privateMetadata) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = form.Id,
        ["private_metadata"] = privateMetadata,
        ["title"] = Plain(form.Title),
        ["submit"] = Plain(form.Submit),
        ["close"] = Plain(form.Cancel),
        ["blocks"] = new JsonArray([.. form.Fields.Select(Input)]),
    };

    private static JsonNode Input(FormField field)
    {
        JsonObject element = field.Kind switch
        {
            FieldKind.Text or FieldKind.LongText => new JsonObject
            {
                ["type"] = "plain_text_input",
                ["multiline"] = field.Kind == FieldKind.LongText,
                ["max_length"] = 3000,
            },
            FieldKind.Date => new JsonObject { ["type"] = "datepicker" },
            FieldKind.Choice => new JsonObject
            {
                ["type"] = "static_select",
                ["options"] = new JsonArray([.. (field.Choices ?? []).Take(OptionsMax).Select(c => Option(c.Label, c.Value))]),
            },
            FieldKind.Deal => new JsonObject { ["type"] = "external_select", ["min_query_length"] = 0 },
            _ => new JsonObject { ["type"] = "users_select" },
        };
        element["action_id"] = InputAction;
        if (field.Placeholder is { } placeholder && field.Kind is not FieldKind.Person)
        {
            element["placeholder"] = Plain(Cut(placeholder, 150));
        }

        if (field.Initial is { Length: > 0 } initial)
        {
            switch (field.Kind)
            {
                case FieldKind.Text or FieldKind.LongText:
                    element["initial_value"] = Cut(initial, 3000);
                    break;
                case FieldKind.Date:
                    element["initial_date"] = initial;
                    break;
                case FieldKind.Choice when field.Choices?.FirstOrDefault(c => c.Value == initial) is { } chosen:
                    element["initial_option"] = Option(chosen.Label, chosen.Value);
                    break;
                case FieldKind.Deal:
                    element["initial_option"] = Option(field.InitialLabel ?? initial, initial);
                    break;
            }
        }

        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = field.Id,
            ["optional"] = field.Optional,
            ["label"] = Plain(Cut(field.Label, 2000)),
            ["element"] = element,
        };
    }

    /// <summary>A deal picker's options, as block_suggestion answers them.</summary>
    public static object Options(IEnumerable<(string Value, string Label)> options) =>
        new { options = options.Take(OptionsMax).Select(o => Option(o.Label, o.Value)).ToArray() };

    /// <summary>The home sections, one after another with dividers between.</summary>
    public static JsonObject Home(IReadOnlyList<Reply> sections)
    {
        var blocks = new JsonArray();
        foreach (var section in sections)
        {
            if (blocks.Count > 0)
            {
                blocks.Add(new JsonObject { ["type"] = "divider" });
            }

            foreach (var block in BlockKitRenderer.Blocks(section).EnumerateArray())
            {
                blocks.Add(JsonNode.Parse(block.GetRawText()));
            }
        }

        while (blocks.Count > BlocksMax)
        {
            blocks.RemoveAt(blocks.Count - 1);
        }

        return new JsonObject { ["type"] = "home", ["callback_id"] = "home", ["blocks"] = blocks };
    }

    /// <summary>The form's values from a view_submission, by field id.</summary>
    public static Dictionary<string, string?> Values(SlackView view) =>
        (view.State?.Values ?? []).ToDictionary(b => b.Key, b => b.Value.Values.FirstOrDefault()?.Text, StringComparer.Ordinal);

    public static string Metadata(object value) => JsonSerializer.Serialize(value, SlackJson.Options);

    private static JsonObject Option(string label, string value) => new() { ["text"] = Plain(Cut(label, OptionTextMax)), ["value"] = Cut(value, 150) };

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
