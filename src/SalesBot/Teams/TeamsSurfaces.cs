using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SalesBot.Commands;
using SalesBot.Deals.Verbs;
using SalesBot.Forms;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Teams;

/// <summary>
/// Teams' surfaces beyond messages, each an invoke answered in its HTTP response: the compose-box deal search
/// (composeExtension/query and selectItem), the "Log to deal" and "New deal" actions (composeExtension/fetchTask and
/// submitAction), and dialogs opened from card buttons (task/fetch, task/submit). Forms are the core's; a submission runs
/// as the person's own command. Spec: msteams-docs messaging-extensions and task-modules pages.
/// </summary>
internal sealed partial class TeamsSurfaces(MessageDispatcher dispatcher, DealForms forms, DealSearch search, TenantSettingsProvider tenants, Phrases t, TimeProvider clock)
{
    public const int ResultsMax = 10;
    private const int DealChoicesMax = 100;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    /// <summary>A Teams message's HTML body as plain text: line-ending tags become line breaks, other tags go, entities are decoded.</summary>
    public static string PlainText(string html)
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(LineBreaks().Replace(html, "\n"), string.Empty));
        return string.Join("\n", text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0));
    }

    /// <summary>composeExtension/query: the person's deals matching what they type, each as its card with a preview to pick.</summary>
    public async Task<object> QueryAsync(string tenant, IncomingMessage asker, JsonElement value, CancellationToken ct)
    {
        var parameters = value.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().ToArray() : [];
        var typed = parameters.Where(x => Str(x, "name") == "q").Select(x => Str(x, "value")).FirstOrDefault();
        var count = value.TryGetProperty("queryOptions", out var o) && o.TryGetProperty("count", out var c) && c.TryGetInt32(out var n) ? Math.Clamp(n, 1, ResultsMax) : ResultsMax;
        var settings = await tenants.GetAsync(tenant, ct);
        var deals = await search.FindAsync(settings, asker.UserId, typed, count, ct);
        var attachments = new List<object>();
        foreach (var deal in deals)
        {
            attachments.Add(await ResultAsync(asker, deal.Id, ct));
        }

        return Result(attachments);
    }

    /// <summary>composeExtension/selectItem: the picked deal's card, from the preview's tap value.</summary>
    public async Task<object> SelectAsync(IncomingMessage asker, JsonElement value, CancellationToken ct) =>
        Result(Str(value, "dealId") is { } id ? [await ResultAsync(asker, id, ct)] : []);

    /// <summary>composeExtension/fetchTask and task/fetch: the form the action or button asks for, as a dialog.</summary>
    public async Task<object> FetchAsync(string tenant, IncomingMessage asker, JsonElement value, bool fromMessageExtension, CancellationToken ct)
    {
        var settings = await tenants.GetAsync(tenant, ct);
        if (fromMessageExtension)
        {
            switch (Str(value, "commandId"))
            {
                case "newDeal":
                    return Dialog(forms.NewDeal(settings, settings.IsManager(asker.UserId)));
                case "logToDeal":
                    var payload = value.TryGetProperty("messagePayload", out var m) ? m : default;
                    var html = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("body", out var b) ? Str(b, "content") ?? string.Empty : string.Empty;
                    var note = PlainText(html);
                    var link = payload.ValueKind == JsonValueKind.Object ? Str(payload, "linkToMessage") : null;
                    return Dialog(await LogFormAsync(settings, asker.UserId, null, Deals.InteractionKind.Note, note.Length > 2900 ? note[..2900] + "…" : note, ct),
                        data: link is null ? null : new Dictionary<string, string> { ["link"] = link });
            }

            return new { task = new { type = "message", value = t["TeamsUnknownAction"] } };
        }

        var command = value.TryGetProperty("data", out var d) ? Str(d, "command") ?? string.Empty : string.Empty;
        switch (DealForms.Requested(command))
        {
            case { FormId: DealForms.NewDealId }:
                return Dialog(forms.NewDeal(settings, settings.IsManager(asker.UserId)));
            case { FormId: DealForms.LogId } log:
                return Dialog(await LogFormAsync(settings, asker.UserId, log.Deal, log.Kind, null, ct));
            case { FormId: DealForms.CloseId } close:
                return Dialog(await CloseFormAsync(settings, asker.UserId, close.Deal, ct));
        }

        return new { task = new { type = "message", value = t["TeamsUnknownAction"] } };
    }

    /// <summary>
    /// composeExtension/submitAction and task/submit: the form again with its errors (the dialog stays open), or null
    /// when its commands ran; <paramref name="answer"/> gets the answer to send the person.
    /// </summary>
    public async Task<(object? Response, Reply? Answer)> SubmitAsync(string tenant, IncomingMessage asker, JsonElement value, CancellationToken ct)
    {
        var data = value.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var formId = data.ValueKind == JsonValueKind.Object ? Str(data, "form") : null;
        if (formId is not (DealForms.NewDealId or DealForms.LogId or DealForms.CloseId))
        {
            return (null, null);
        }

        var settings = await tenants.GetAsync(tenant, ct);
        var values = data.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String).ToDictionary(x => x.Name, x => x.Value.GetString(), StringComparer.Ordinal);
        var outcome = forms.Submit(formId, values, new ParseContext(settings.Today(clock.GetUtcNow()), settings.Currency, settings.FiscalYearStartMonth), values.GetValueOrDefault("link"));
        var link = values.GetValueOrDefault("link") is { } l ? new Dictionary<string, string> { ["link"] = l } : null;
        Form Again() => formId switch
        {
            DealForms.NewDealId => forms.NewDeal(settings, settings.IsManager(asker.UserId)),
            DealForms.CloseId => forms.Close(null, null),
            _ => forms.Log(null, null, null, null),
        };
        if (!outcome.IsValid)
        {
            return (await WithValuesAsync(settings, asker.UserId, Again(), values, outcome.Errors, link, ct), null);
        }

        Reply? first = null;
        for (var i = 0; i < outcome.Commands.Count; i++)
        {
            var owner = values.GetValueOrDefault("owner");
            var reply = await dispatcher.HandleAsync(asker with
            {
                Text = outcome.Commands[i],
                DeliveryId = asker.DeliveryId is { } id ? $"{id}|{i}" : null,
                Mentions = owner is { Length: > 0 } ? [new MentionedUser(owner.TrimStart('@'), owner.TrimStart('@'))] : null,
            }, ct);
            first ??= reply;
            if (reply.IsError)
            {
                var field = formId == DealForms.NewDealId ? "name" : "deal";
                return (await WithValuesAsync(settings, asker.UserId, Again(), values, new Dictionary<string, string> { [field] = reply.Text }, link, ct), null);
            }
        }

        return (null, first);
    }

    /// <summary>The form filled in as submitted, with the errors under their fields.</summary>
    private async Task<object> WithValuesAsync(TenantSettings settings, string userId, Form form, IReadOnlyDictionary<string, string?> values,
        IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string>? data, CancellationToken ct)
    {
        if (form.Id == DealForms.LogId)
        {
            form = await LogFormAsync(settings, userId, null, null, null, ct);
        }
        else if (form.Id == DealForms.CloseId)
        {
            form = await CloseFormAsync(settings, userId, null, ct);
        }

        form = form with { Fields = [.. form.Fields.Select(f => values.GetValueOrDefault(f.Id) is { Length: > 0 } v ? f with { Initial = v } : f)] };
        return Dialog(form, errors, data);
    }

    private async Task<Form> LogFormAsync(TenantSettings settings, string userId, string? dealText, Deals.InteractionKind? kind, string? note, CancellationToken ct)
    {
        var (chosen, choices) = await DealChoicesAsync(settings, userId, dealText, ct);
        return WithChoices(forms.Log(chosen, null, kind, note), choices);
    }

    private async Task<Form> CloseFormAsync(TenantSettings settings, string userId, string? dealText, CancellationToken ct)
    {
        var (chosen, choices) = await DealChoicesAsync(settings, userId, dealText, ct);
        return WithChoices(forms.Close(chosen, null), choices);
    }

    /// <summary>The deal the person named (if any) and the deals to pick from: theirs, most recently active first, the named one among them.</summary>
    private async Task<(string? Chosen, List<FormChoice> Choices)> DealChoicesAsync(TenantSettings settings, string userId, string? dealText, CancellationToken ct)
    {
        var chosen = dealText is null ? null : await search.FindAsync(settings, userId, dealText, 1, ct) is [var one, ..] ? one : null;
        var choices = (await search.FindAsync(settings, userId, null, DealChoicesMax, ct)).Select(d => new FormChoice(d.Id, $"{d.Name} · {d.Id}")).ToList();
        if (chosen is not null && choices.All(c => c.Value != chosen.Id))
        {
            choices.Insert(0, new FormChoice(chosen.Id, $"{chosen.Name} · {chosen.Id}"));
        }

        return (chosen?.Id, choices);
    }

    private static Form WithChoices(Form form, List<FormChoice> choices) =>
        form with { Fields = [.. form.Fields.Select(f => f.Kind == FieldKind.Deal ? f with { Choices = choices } : f)] };

    private async Task<object> ResultAsync(IncomingMessage asker, string dealId, CancellationToken ct)
    {
        var card = await dispatcher.HandleAsync(asker with { Text = "deal show " + dealId, DeliveryId = null }, ct);
        return new
        {
            contentType = AdaptiveCardRenderer.ContentType,
            content = AdaptiveCardRenderer.Card(card),
            preview = new
            {
                contentType = "application/vnd.microsoft.card.thumbnail",
                content = new { title = card.Header ?? dealId, text = card.Fields.Count > 1 ? $"{card.Fields[0].Value} · {card.Fields[1].Value}" : card.Text, tap = new { type = "invoke", value = new { dealId } } },
            },
        };
    }

    private static object Result(IEnumerable<object> attachments) =>
        new { composeExtension = new { type = "result", attachmentLayout = "list", attachments = attachments.ToArray() } };

    private static object Dialog(Form form, IReadOnlyDictionary<string, string>? errors = null, IReadOnlyDictionary<string, string>? data = null) => new
    {
        task = new
        {
            type = "continue",
            value = new
            {
                title = form.Title,
                height = "medium",
                width = "medium",
                card = new { contentType = AdaptiveCardRenderer.ContentType, content = AdaptiveCardRenderer.FormCard(form, errors, data) },
            },
        },
    };

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
