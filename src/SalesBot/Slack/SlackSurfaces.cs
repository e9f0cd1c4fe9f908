using System.Text.Json;
using Microsoft.Extensions.Options;
using SalesBot.Commands;
using SalesBot.Deals.Verbs;
using SalesBot.Forms;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Slack;

/// <summary>What a form's private_metadata carries: the message a "Log to deal" came from.</summary>
internal sealed record FormMetadata(string? Link = null);

/// <summary>
/// Slack's surfaces beyond messages: forms as modals (opened at once with the request's trigger_id, which lives 3 s),
/// their submissions (errors shown on the field, else the command run as the person and its answer sent to them), the
/// deal picker's options, the message and global shortcuts, and App Home. Every submission is authorised again exactly
/// as if the person had typed the command.
/// </summary>
internal sealed class SlackSurfaces(
    SlackWebApi api, SlackInstallations installs, SlackPeople people, MessageDispatcher dispatcher, InboundPipeline inbound, DealForms forms,
    DealSearch search, SlackHome home, TenantSettingsProvider tenants, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackSurfaces> logger)
{
    public const string LogToDealShortcut = "log_to_deal";
    public const string NewDealShortcut = "new_deal";
    private const int SuggestionsMax = 25;
    private static readonly TimeSpan SuggestBudget = TimeSpan.FromSeconds(2);

    /// <summary>
    /// One interaction payload (from the interactions URL or a Socket Mode envelope): the answer Slack reads from the
    /// response (form errors, a picker's options), or null for an empty 200. Clicks are recorded before the answer.
    /// </summary>
    public async Task<object?> InteractAsync(SlackBot bot, string json, CancellationToken ct)
    {
        var type = JsonDocument.Parse(json).RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "block_actions" when JsonSerializer.Deserialize<BlockActions>(json, SlackJson.Options) is { } actions:
                // A button that asks for a form opens it now: its trigger_id lives 3 seconds.
                if (actions.Actions is [{ Value: { } command }, ..]
                    && await TryOpenFormAsync(SlackBot.TenantOf(actions.Team?.Id ?? actions.User.TeamId, actions.Enterprise?.Id ?? actions.Team?.EnterpriseId,
                        actions.IsEnterpriseInstall == true), actions.User, actions.TriggerId, command, ct))
                {
                    return null;
                }

                // Recorded before the answer, like events, so an accepted click is never only in memory.
                if (await bot.AcceptClickAsync(actions, ct))
                {
                    bot.Click(actions);
                }

                return null;
            case "view_submission":
                return await SubmitAsync(JsonSerializer.Deserialize<SurfacePayload>(json, SlackJson.Options)!, ct);
            case "block_suggestion":
                return await SuggestAsync(JsonSerializer.Deserialize<SurfacePayload>(json, SlackJson.Options)!, ct);
            case "message_action" or "shortcut":
                await ShortcutAsync(JsonSerializer.Deserialize<SurfacePayload>(json, SlackJson.Options)!, ct);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Opens the form <paramref name="command"/> asks for ("deal new" alone, the nudge's "Log call"); false when it asks for none.</summary>
    public async Task<bool> TryOpenFormAsync(string tenant, SlackUserRef user, string? triggerId, string command, CancellationToken ct, bool clicked = true)
    {
        if (triggerId is null || DealForms.Requested(command, clicked) is not { } request)
        {
            return false;
        }

        var settings = await tenants.GetAsync(tenant, ct);
        await UseLanguageAsync(tenant, user.Id, ct);
        var matches = request.Deal is { } typed ? await search.FindAsync(settings, user.Id, typed, 1, ct) : [];
        var found = matches.Count > 0 ? matches[0] : null;
        var label = found is null ? null : $"{found.Name} · {found.Id}";
        var form = request.FormId switch
        {
            DealForms.NewDealId => forms.NewDeal(settings, settings.IsManager(user.Id)),
            DealForms.CloseId => forms.Close(found?.Id, label),
            _ => forms.Log(found?.Id, label, request.Kind, null),
        };

        return await OpenAsync(tenant, triggerId, form, new FormMetadata(), ct);
    }

    /// <summary>A message shortcut ("Log to deal") or the global "New deal": opens its form at once.</summary>
    public async Task ShortcutAsync(SurfacePayload p, CancellationToken ct)
    {
        var tenant = TenantOf(p);
        if (p.TriggerId is null)
        {
            return;
        }

        var settings = await tenants.GetAsync(tenant, ct);
        await UseLanguageAsync(tenant, p.User.Id, ct);
        switch (p.CallbackId)
        {
            case LogToDealShortcut when p.Message is { } message:
                var (text, _) = SlackBot.Neutral(message.Text ?? string.Empty);
                var link = p.Team?.Domain is { } domain && p.Channel?.Id is { } channel && message.Ts is { } ts
                    ? $"https://{domain}.slack.com/archives/{channel}/p{ts.Replace(".", string.Empty, StringComparison.Ordinal)}"
                    : null;
                await OpenAsync(tenant, p.TriggerId, forms.Log(null, null, Deals.InteractionKind.Note, text.Length > 2900 ? text[..2900] + "…" : text), new FormMetadata(link), ct);
                return;
            case NewDealShortcut:
                await OpenAsync(tenant, p.TriggerId, forms.NewDeal(settings, settings.IsManager(p.User.Id)), new FormMetadata(), ct);
                return;
        }
    }

    /// <summary>
    /// A form submitted: the errors to show (the HTTP answer, within Slack's 3 s), or null to close it. The commands run
    /// as the person; their answer comes as a direct message.
    /// </summary>
    public async Task<object?> SubmitAsync(SurfacePayload p, CancellationToken ct)
    {
        if (p.View is not { CallbackId: DealForms.NewDealId or DealForms.LogId or DealForms.CloseId } view)
        {
            return null;
        }

        var tenant = TenantOf(p);
        var settings = await tenants.GetAsync(tenant, ct);
        await UseLanguageAsync(tenant, p.User.Id, ct);
        var metadata = Metadata(view.PrivateMetadata);
        var values = SlackViews.Values(view);
        var outcome = forms.Submit(view.CallbackId!, values, new ParseContext(settings.Today(clock.GetUtcNow()), settings.Currency, settings.FiscalYearStartMonth), metadata.Link);
        if (!outcome.IsValid)
        {
            return new { response_action = "errors", errors = outcome.Errors };
        }

        var work = RunAsync(tenant, p, view, outcome.Commands, values.GetValueOrDefault("owner"));
        if (await Task.WhenAny(work, Task.Delay(options.Value.AnswerBudget, ct)) == work && await work is { IsError: true } refused)
        {
            // Refused as a typed command would be (a name taken, a deal not yours): shown on the form's first field.
            return new { response_action = "errors", errors = new Dictionary<string, string> { [view.CallbackId == DealForms.NewDealId ? "name" : "deal"] = refused.Text } };
        }

        inbound.Start("slack", async token =>
        {
            var first = await work;
            if (!first.IsError)
            {
                await SendAsync(tenant, p.User.Id, first, token);
            }
        });
        return null;
    }

    /// <summary>
    /// Options for the deal picker: the person's deals matching what they typed, most recent first. Options cannot come
    /// later than the answer, so a search slower than <see cref="SuggestBudget"/> answers with none (the next keystroke asks again).
    /// </summary>
    public async Task<object> SuggestAsync(SurfacePayload p, CancellationToken ct)
    {
        var settings = await tenants.GetAsync(TenantOf(p), ct);
        var found = search.FindAsync(settings, p.User.Id, p.Value, SuggestionsMax, ct);
        var deals = await Task.WhenAny(found, Task.Delay(SuggestBudget, clock, ct)) == found ? await found : [];
        return SlackViews.Options(deals.Select(d => (d.Id, $"{d.Name} · {d.Id}")));
    }

    /// <summary>Runs the form's commands in order as the person; the answer of the first, or of the first refused.</summary>
    private async Task<Reply> RunAsync(string tenant, SurfacePayload p, SlackView view, IReadOnlyList<string> commands, string? owner)
    {
        Reply? first = null;
        var person = people.Cached(tenant, p.User.Id);
        for (var i = 0; i < commands.Count; i++)
        {
            var message = new IncomingMessage(tenant, p.User.Id, person?.Name ?? p.User.Name ?? p.User.Username ?? p.User.Id, p.User.Id, commands[i], clock.GetUtcNow(),
                person?.Locale, $"view|{view.Id}|{view.Hash}|{i}", owner is null ? null : [new MentionedUser(owner, owner)], person?.TimeZone, person?.Email);
            var reply = await dispatcher.HandleAsync(message, CancellationToken.None);
            first ??= reply;
            if (reply.IsError)
            {
                return reply;
            }
        }

        home.Refresh(tenant, p.User.Id);
        return first!;
    }

    private async Task SendAsync(string tenant, string userId, Reply reply, CancellationToken ct)
    {
        if (await installs.FindAsync(tenant, ct) is { } install)
        {
            var channel = await api.OpenConversationAsync(install.BotToken, userId, ct);
            await api.PostMessageAsync(install.BotToken, BlockKitRenderer.Render(reply) with { Channel = channel }, ct);
        }
    }

    private async Task<bool> OpenAsync(string tenant, string triggerId, Form form, FormMetadata metadata, CancellationToken ct)
    {
        if (await installs.FindAsync(tenant, ct) is not { } install)
        {
            return false;
        }

        try
        {
            await api.OpenViewAsync(install.BotToken, triggerId, SlackViews.Modal(form, SlackViews.Metadata(metadata)), ct);
            return true;
        }
        catch (SlackApiException e) when (e.Error is "expired_trigger_id" or "exchanged_trigger_id" or "invalid_trigger_id" or "trigger_expired" or "trigger_exchanged")
        {
            // Never retried: a trigger works once, within 3 s.
            logger.LogWarning("Could not open the {Form} form in {Tenant}: {Error}.", form.Id, tenant, e.Error);
            return true;
        }
    }

    private async Task UseLanguageAsync(string tenant, string userId, CancellationToken ct)
    {
        var person = people.Cached(tenant, userId);
        Languages.Use(await dispatcher.LanguageOfAsync(new IncomingMessage(tenant, userId, person?.Name ?? userId, userId, string.Empty, clock.GetUtcNow(), person?.Locale), ct));
    }

    private static FormMetadata Metadata(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? new FormMetadata() : JsonSerializer.Deserialize<FormMetadata>(json, SlackJson.Options) ?? new FormMetadata();
        }
        catch (JsonException)
        {
            return new FormMetadata();
        }
    }

    public static string TenantOf(SurfacePayload p) =>
        SlackBot.TenantOf(p.Team?.Id ?? p.User.TeamId, p.Enterprise?.Id ?? p.Team?.EnterpriseId, p.IsEnterpriseInstall == true);
}
