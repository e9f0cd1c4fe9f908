using System.Globalization;
using SalesBot.Commands;
using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Forms;

internal enum FieldKind
{
    Text,
    LongText,
    Date,
    Choice,
    /// <summary>A deal, searched for as the person types (the channel asks <see cref="Deals.Verbs.DealSearch"/>).</summary>
    Deal,
    /// <summary>A person of the workspace (the channel's own people picker).</summary>
    Person,
}

/// <summary>One input of a form. <paramref name="Id"/> is also where a validation error is shown.</summary>
internal sealed record FormField(string Id, string Label, FieldKind Kind, bool Optional = false, string? Initial = null,
    IReadOnlyList<FormChoice>? Choices = null, string? Placeholder = null, string? InitialLabel = null);

internal sealed record FormChoice(string Value, string Label);

/// <summary>A form a channel shows as a modal or dialog. <paramref name="Id"/> routes its submission back.</summary>
internal sealed record Form(string Id, string Title, string Submit, string Cancel, IReadOnlyList<FormField> Fields);

/// <summary>A command that asks for a form: which one, and the deal and kind to fill in.</summary>
internal sealed record FormRequest(string FormId, string? Deal = null, InteractionKind? Kind = null);

/// <summary>A submitted form: the command(s) to run as the person, or the errors to show on the fields.</summary>
internal sealed record FormOutcome(IReadOnlyList<string> Commands, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Forms instead of syntax: the new-deal form and the log-interaction form, their fields, and how a submission becomes
/// the same command a person would type, checked field by field with the same parsers first, so a bad amount is shown on
/// the amount. The command then runs as the person, with their rights, exactly as typed.
/// </summary>
internal sealed class DealForms(Phrases t)
{
    public const string NewDealId = "deal_new";
    public const string LogId = "deal_log";
    public const string CloseId = "deal_close";

    /// <summary>
    /// The form a command asks for, if any: "deal new" alone; "deal log" forms (see <see cref="AsksForLogForm"/>);
    /// "deal set &lt;deal&gt; close" with no date (the close-date alert's Set new date).
    /// </summary>
    public static FormRequest? Requested(string command, bool clicked = true)
    {
        if (AsksForNewDealForm(command))
        {
            return new FormRequest(NewDealId);
        }

        if (AsksForLogForm(command, clicked) is { } log)
        {
            return new FormRequest(LogId, log.Deal, log.Kind);
        }

        return Words(command) is [var deal, var verb, var dealRef, var field] && IsDeal(deal) && DealVerbs.Find(verb.ToLowerInvariant())?.Name == "set"
            && field.ToLowerInvariant() is "close" or "lukker" or "lukning" or "lukkedato"
            ? new FormRequest(CloseId, dealRef)
            : null;
    }
    public const int TitleMax = 24;

    /// <summary>"deal new" (or an alias) with nothing after it: the person wants the form.</summary>
    public static bool AsksForNewDealForm(string command) =>
        Words(command) is [var deal, var verb] && IsDeal(deal) && DealVerbs.Find(verb.ToLowerInvariant())?.Name == "new";

    /// <summary>
    /// "deal log &lt;deal&gt;", or from a button "deal log &lt;deal&gt; &lt;kind&gt;" with no note (the nudge's Log call) or
    /// "deal log" alone (Log interaction): the deal (null: to pick) and kind to prefill. Typed with a kind it is a complete
    /// command (a call logged without a note), not a request for the form.
    /// </summary>
    public static (string? Deal, InteractionKind? Kind)? AsksForLogForm(string command, bool clicked = true)
    {
        var words = Words(command);
        if (words.Length is < 2 or > 4 || (words.Length != 3 && !clicked) || !IsDeal(words[0]) || DealVerbs.Find(words[1].ToLowerInvariant())?.Name != "log")
        {
            return null;
        }

        return words.Length switch
        {
            2 => (null, null),
            3 => (words[2], null),
            _ => Enum.TryParse<InteractionKind>(words[3], ignoreCase: true, out var kind) ? (words[2], kind) : null,
        };
    }

    public Form NewDeal(TenantSettings tenant, bool isManager)
    {
        var fields = new List<FormField>
        {
            new("name", t["FormName"], FieldKind.Text, Placeholder: t["FormNameHint"]),
            new("amount", t["FormAmount"], FieldKind.Text, Optional: true, Placeholder: "50000"),
            new("currency", t["FormCurrency"], FieldKind.Choice, Optional: true, Initial: tenant.Currency,
                Choices: [.. new[] { tenant.Currency }.Concat(tenant.CurrencyRates.Keys).Distinct(StringComparer.Ordinal).Select(c => new FormChoice(c, c))]),
            new("segment", t["FormSegment"], FieldKind.Choice, Optional: true, Initial: tenant.DefaultSegment.ToString(),
                Choices: [.. Enum.GetValues<Segment>().Select(s => new FormChoice(s.ToString(), t["Segment_" + s]))]),
            new("close", t["FormClose"], FieldKind.Date, Optional: true),
        };
        if (isManager)
        {
            fields.Add(new("owner", t["FormOwner"], FieldKind.Person, Optional: true));
        }

        return new Form(NewDealId, Cut(t["FormNewDealTitle"]), Cut(t["FormCreate"]), Cut(t["FormCancel"]), fields);
    }

    public Form Log(string? dealId, string? dealLabel, InteractionKind? kind, string? note)
    {
        var fields = new List<FormField>
        {
            new("deal", t["FormDeal"], FieldKind.Deal, Initial: dealId, InitialLabel: dealLabel, Placeholder: t["FormDealHint"]),
            new("kind", t["FormKind"], FieldKind.Choice, Initial: (kind ?? InteractionKind.Call).ToString(),
                Choices: [.. Enum.GetValues<InteractionKind>().Select(k => new FormChoice(k.ToString(), t["Kind_" + k]))]),
            new("note", t["FormNote"], FieldKind.LongText, Optional: true, Initial: note),
            new("next_date", t["FormNextDate"], FieldKind.Date, Optional: true),
            new("next_text", t["FormNextText"], FieldKind.Text, Optional: true, Placeholder: t["FormNextTextHint"]),
        };
        return new Form(LogId, Cut(t["FormLogTitle"]), Cut(t["FormLog"]), Cut(t["FormCancel"]), fields);
    }

    /// <summary>The new expected close date of one deal.</summary>
    public Form Close(string? dealId, string? dealLabel) => new(CloseId, Cut(t["FormCloseTitle"]), Cut(t["FormSave"]), Cut(t["FormCancel"]),
    [
        new("deal", t["FormDeal"], FieldKind.Deal, Initial: dealId, InitialLabel: dealLabel, Placeholder: t["FormDealHint"]),
        new("close", t["FormNewClose"], FieldKind.Date),
    ]);

    /// <summary>The submission of form <paramref name="formId"/> as commands, or its field errors. <paramref name="link"/> goes after the note.</summary>
    public FormOutcome Submit(string formId, IReadOnlyDictionary<string, string?> values, ParseContext ctx, string? link = null)
    {
        string? Value(string id) => values.TryGetValue(id, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (formId == NewDealId)
        {
            var name = Value("name");
            if (name is null)
            {
                errors["name"] = t["FormNameMissing"];
            }
            else if (name.Length > DealRules.MaxNameLength)
            {
                errors["name"] = t["Refusal_NameTooLong", DealRules.MaxNameLength];
            }

            var words = new List<string> { "deal", "new", Quote(name ?? string.Empty) };
            if (Value("amount") is { } amountText)
            {
                var tokens = Token.Split(amountText + " " + (Value("currency") ?? ctx.DefaultCurrency)).ToArray();
                if (!AmountParser.TryParse(tokens, 0, ctx.DefaultCurrency, out var money, out var used) || used < tokens.Length - 1 || money.Amount <= 0)
                {
                    errors["amount"] = t["FormAmountBad", amountText];
                }
                else
                {
                    words.Add(money.Amount.ToString(CultureInfo.InvariantCulture));
                    words.Add(money.Currency);
                }
            }

            if (Value("segment") is { } segment && Enum.TryParse<Segment>(segment, out var s))
            {
                words.Add(s switch { Segment.Smb => "smb", Segment.MidMarket => "mid", _ => "enterprise" });
            }

            if (Value("close") is { } closeText)
            {
                if (!DateParser.TryParse(closeText, ctx, out var close))
                {
                    errors["close"] = t["FormDateBad", closeText];
                }
                else
                {
                    words.Add("close " + close.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
            }

            if (Value("owner") is { } owner)
            {
                words.Add("owner @" + owner.TrimStart('@'));
            }

            return new FormOutcome(errors.Count == 0 ? [string.Join(' ', words)] : [], errors);
        }

        var deal = Value("deal");
        if (deal is null)
        {
            errors["deal"] = t["FormDealMissing"];
        }

        if (formId == CloseId)
        {
            var date = default(DateOnly);
            if (Value("close") is not { } closeText || !DateParser.TryParse(closeText, ctx, out date))
            {
                errors["close"] = t["FormDateBad", Value("close") ?? string.Empty];
            }

            return new FormOutcome(errors.Count == 0 ? [$"deal set {deal} close {date:yyyy-MM-dd}"] : [], errors);
        }

        var kind = Enum.TryParse<InteractionKind>(Value("kind"), out var k) ? k : InteractionKind.Note;
        DateOnly? next = null;
        if (Value("next_date") is { } nextText)
        {
            if (!DateParser.TryParse(nextText, ctx, out var date))
            {
                errors["next_date"] = t["FormDateBad", nextText];
            }
            else
            {
                next = date;
            }
        }
        else if (Value("next_text") is not null)
        {
            errors["next_date"] = t["FormNextDateMissing"];
        }

        if (errors.Count > 0)
        {
            return new FormOutcome([], errors);
        }

        var note = string.Join(" — ", new[] { Value("note")?.ReplaceLineEndings(" "), link }.Where(p => p is not null));
        var commands = new List<string> { $"deal log {deal} {kind.ToString().ToLowerInvariant()} {note}".TrimEnd() };
        if (next is { } day)
        {
            commands.Add($"deal next {deal} {day:yyyy-MM-dd} {Value("next_text")}".TrimEnd());
        }

        return new FormOutcome(commands, errors);
    }

    private static string[] Words(string command) => command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsDeal(string word) => word.Equals("deal", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name as one token of the command, whatever quotes it holds itself.</summary>
    private static string Quote(string name) => name.Contains('"', StringComparison.Ordinal)
        ? "\u201C" + name.Replace('\u201D', '\'') + "\u201D"
        : "\"" + name + "\"";

    private static string Cut(string title) => title.Length <= TitleMax ? title : title[..(TitleMax - 1)] + "…";
}
