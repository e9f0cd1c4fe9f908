using System.Text.Json;
using System.Text.RegularExpressions;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Teams;

/// <summary>
/// Turns verified Teams activities into channel-neutral messages and delivers the replies: text and Action.Submit
/// clicks are acknowledged at once and answered through the Connector; Action.Execute invokes are answered
/// synchronously with the updated card; install events keep conversation references current.
/// </summary>
internal sealed partial class TeamsBot(
    MessageDispatcher dispatcher, InboundPipeline inbound, ConnectorClient connector, ConversationReferences references, TrustedServiceUrls trusted, TeamsSurfaces surfaces,
    Phrases t, FirstManager firstManager, TimeProvider clock, ILogger<TeamsBot> logger) : IDirectMessenger, IDeliveryReplayer
{
    public const string TenantPrefix = "teams-";

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    public bool Serves(string tenant) => tenant.StartsWith(TenantPrefix, StringComparison.Ordinal);

    public async Task<IResult> HandleAsync(Activity a, CancellationToken ct)
    {
        var tenantId = a.Conversation?.TenantId ?? TenantIdFromChannelData(a);
        if (tenantId is null || a.From?.Id is null || a.Recipient?.Id is null || a.ServiceUrl is null || a.Conversation?.Id is null)
        {
            return Results.Ok();
        }

        trusted.Add(a.ServiceUrl);
        var tenant = TenantPrefix + tenantId;
        var userId = a.From.AadObjectId ?? a.From.Id;
        var personal = a.Conversation.ConversationType == "personal" ? a.Conversation.Id : null;
        if (!a.From.Id.StartsWith("28:", StringComparison.Ordinal))
        {
            await references.RememberUserAsync(
                new UserReference(tenant, userId, a.From.Id, a.ServiceUrl, a.Recipient.Id, tenantId, personal, a.LocalTimezone, a.Locale), ct);
        }

        if (a.Conversation.ConversationType == "channel")
        {
            // A channel the bot was mentioned in: it can post there later (the deals feed).
            await references.RememberChannelAsync(tenant, TeamsChannels.ChannelOf(a.Conversation.Id), a.ServiceUrl, a.Recipient.Id, ct);
        }

        switch (a.Type)
        {
            case "message":
                // Recorded before the 200, so an activity the Bot Framework considers delivered is never only in memory.
                if (a.Id is null)
                {
                    inbound.Start(Channel, token => AnswerMessageAsync(a, tenant, userId, token));
                    return Results.Ok();
                }

                var delivery = new Delivery(tenant, Channel, a.Id, JsonSerializer.Serialize(a, TeamsJson.Options));
                if (await inbound.AcceptAsync(delivery, ct))
                {
                    inbound.Start(delivery, token => AnswerMessageAsync(a, tenant, userId, token));
                }

                return Results.Ok();
            case "invoke" when a.Name == "adaptiveCard/action":
                return await ExecuteAsync(a, tenant, userId, ct);
            case "invoke" when a.Name == "composeExtension/query":
                return Results.Json(await surfaces.QueryAsync(tenant, Incoming(a, tenant, userId, string.Empty), Value(a), ct));
            case "invoke" when a.Name == "composeExtension/selectItem":
                return Results.Json(await surfaces.SelectAsync(Incoming(a, tenant, userId, string.Empty), Value(a), ct));
            case "invoke" when a.Name is "composeExtension/fetchTask" or "task/fetch":
                return Results.Json(await surfaces.FetchAsync(tenant, Incoming(a, tenant, userId, string.Empty), Value(a), a.Name.StartsWith("compose", StringComparison.Ordinal), ct));
            case "invoke" when a.Name is "composeExtension/submitAction" or "task/submit":
                var (response, answer) = await surfaces.SubmitAsync(tenant, Incoming(a, tenant, userId, string.Empty), Value(a), ct);
                if (answer is not null)
                {
                    // The dialog closes; the answer comes in the person's chat with the bot.
                    inbound.Start(Channel, token => SendAsync(tenant, userId, answer, token));
                }

                return response is null ? Results.Ok() : Results.Json(response);
            case "invoke":
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            case "conversationUpdate" when a.MembersAdded?.Any(m => m.Id == a.Recipient.Id) == true:
            case "installationUpdate" when a.Action is "add" or "add-upgrade":
                await references.RememberConversationAsync(tenant, a.Conversation.Id, a.Conversation.ConversationType ?? "personal", a.ServiceUrl, a.Recipient.Id, ct);
                if (a.Type == "installationUpdate" && a.From.AadObjectId is not null)
                {
                    // The person who installed the app (Teams verified who sent this) leads a team that has no manager yet.
                    await firstManager.NameIfNoneAsync(tenant, new Deals.UserRef(userId, a.From.Name ?? userId), "installed SalesBot in Teams", ct);
                }

                if (a.Type == "conversationUpdate")
                {
                    inbound.Start(Channel, token => WelcomeAsync(a, tenant, userId, token));
                }

                return Results.Ok();
            case "installationUpdate" when a.Action is "remove" or "remove-upgrade":
                await references.ForgetConversationAsync(tenant, a.Conversation.Id, ct);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    public async Task<bool> SendAsync(string tenant, string userId, Reply reply, CancellationToken ct)
    {
        var r = await references.FindUserAsync(tenant, userId, ct);
        if (r is null)
        {
            return false;
        }

        var conversation = r.PersonalConversationId;
        if (conversation is null)
        {
            conversation = await connector.CreatePersonalConversationAsync(r.ServiceUrl, r.BotId, r.UserChannelId, r.TenantId, ct);
            await references.RememberUserAsync(r with { PersonalConversationId = conversation }, ct);
        }

        await connector.SendToConversationAsync(r.ServiceUrl, conversation, AdaptiveCardRenderer.Message(reply), ct);
        return true;
    }

    public string Channel => "teams";

    /// <summary>A message activity whose handling was interrupted, answered again from what was recorded when it arrived.</summary>
    public async Task ReplayAsync(PendingDelivery delivery, CancellationToken ct)
    {
        if (JsonSerializer.Deserialize<Activity>(delivery.Payload, TeamsJson.Options) is { From.Id: not null, ServiceUrl: not null } a)
        {
            trusted.Add(a.ServiceUrl);
            await inbound.HandleAsync(new Delivery(delivery.Tenant, delivery.Channel, delivery.DeliveryId, delivery.Payload),
                token => AnswerMessageAsync(a, delivery.Tenant, a.From.AadObjectId ?? a.From.Id, token));
        }
    }

    private async Task AnswerMessageAsync(Activity a, string tenant, string userId, CancellationToken ct)
    {
        var submitted = Command(a.Value);
        var (text, mentions) = submitted is null ? await MentionsAsync(a, ct) : (submitted, []);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        await inbound.AnswerAsync(Incoming(a, tenant, userId, text) with { OfferedTo = OfferedTo(a.Value), Mentions = mentions }, async (reply, token) =>
        {
            var message = AdaptiveCardRenderer.Message(reply) with { From = a.Recipient, Recipient = a.From, Conversation = a.Conversation, ReplyToId = a.Id };
            if (submitted is not null && a.ReplyToId is { } cardMessage && !reply.KeepsClickedMessage && !Keeps(a.Value))
            {
                await connector.UpdateAsync(a.ServiceUrl!, a.Conversation!.Id!, cardMessage, message, token);
            }
            else
            {
                await connector.ReplyAsync(a.ServiceUrl!, a.Conversation!.Id!, a.Id ?? string.Empty, message, token);
            }
        }, ct);
    }

    private async Task<IResult> ExecuteAsync(Activity a, string tenant, string userId, CancellationToken ct)
    {
        var action = a.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var x) ? x : default;
        var type = action.ValueKind == JsonValueKind.Object && action.TryGetProperty("type", out var ty) ? ty.GetString() : null;
        if (type != "Action.Execute")
        {
            return InvokeError("NotSupported", $"{type} is not supported.");
        }

        var command = Command(action.TryGetProperty("data", out var data) ? data : null);
        if (command is null)
        {
            return InvokeError("BadRequest", "The card action carries no command.");
        }

        var reply = await dispatcher.HandleAsync(Incoming(a, tenant, userId, command) with { OfferedTo = OfferedTo(data) }, ct);
        return reply.KeepsClickedMessage || Keeps(data)
            // Keeps the card as it is for everyone and shows the clicker a message (Universal Actions response types).
            ? Results.Json(new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = reply.Text })
            : Results.Json(new { statusCode = 200, type = AdaptiveCardRenderer.ContentType, value = AdaptiveCardRenderer.Card(reply) });
    }

    /// <summary>A Universal Action error response (adaptive card invoke, statusCode 400).</summary>
    private static IResult InvokeError(string code, string message) =>
        Results.Json(new { statusCode = 400, type = "application/vnd.microsoft.error", value = new { code, message } }, statusCode: 400);

    private async Task WelcomeAsync(Activity a, string tenant, string userId, CancellationToken ct)
    {
        var message = Incoming(a, tenant, userId, "deal help");
        var help = await dispatcher.HandleAsync(message, ct);
        Languages.Use(await dispatcher.LanguageOfAsync(message, ct));
        var welcome = help with { Lead = t["TeamsWelcome"], Text = t["TeamsWelcome"] + "\n" + help.Text };
        await connector.SendToConversationAsync(a.ServiceUrl!, a.Conversation!.Id!, AdaptiveCardRenderer.Message(welcome) with { From = a.Recipient }, ct);
    }

    private IncomingMessage Incoming(Activity a, string tenant, string userId, string text) =>
        new(tenant, userId, a.From?.Name ?? userId, a.Conversation?.Id ?? string.Empty, text, clock.GetUtcNow(), a.Locale ?? ClientLocale(a), a.Id is { } id ? "teams|" + id : null,
            TimeZone: a.LocalTimezone);

    /// <summary>The Teams client's language from its clientInfo entity, when the activity has no locale of its own (Bot Framework Activity spec, clientInfo).</summary>
    private static string? ClientLocale(Activity a) =>
        (a.Entities ?? []).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var type) && type.ValueEquals("clientInfo"))
            .Select(e => e.TryGetProperty("locale", out var locale) && locale.ValueKind == JsonValueKind.String ? locale.GetString() : null)
            .FirstOrDefault(l => l is not null);

    /// <summary>
    /// The text with the bot's own mention removed (found by the mention entity whose id is the recipient, never by name)
    /// and every other mention replaced by "@{user id}", with who that is: the core never reads Teams' mention syntax.
    /// A mentioned person is identified by their Entra object id, as when they write themselves, looked up through the
    /// Connector; if that fails, their Teams id stands in.
    /// </summary>
    private async Task<(string Text, List<MentionedUser> Mentions)> MentionsAsync(Activity a, CancellationToken ct)
    {
        var text = a.Text ?? string.Empty;
        var mentions = new List<MentionedUser>();
        foreach (var entity in a.Entities ?? [])
        {
            if (!entity.TryGetProperty("type", out var type) || type.GetString() != "mention"
                || !entity.TryGetProperty("mentioned", out var mentioned) || !mentioned.TryGetProperty("id", out var idProperty) || idProperty.GetString() is not { } id)
            {
                continue;
            }

            var name = mentioned.TryGetProperty("name", out var n) ? n.GetString() ?? id : id;
            var mentionText = entity.TryGetProperty("text", out var mt) && mt.GetString() is { Length: > 0 } s ? s : $"<at>{name}</at>";
            string replacement;
            if (id == a.Recipient?.Id)
            {
                replacement = " ";
            }
            else
            {
                var userId = await MemberIdAsync(a, id, ct);
                mentions.Add(new MentionedUser(userId, name));
                replacement = " @" + userId + " ";
            }

            text = Regex.Replace(text, Regex.Escape(mentionText), replacement.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.IgnoreCase);
        }

        return (AtTag().Replace(text, m => m.Groups[1].Value).Replace('\u00A0', ' ').Trim(), mentions);
    }

    private async Task<string> MemberIdAsync(Activity a, string teamsId, CancellationToken ct)
    {
        try
        {
            return (await connector.GetMemberAsync(a.ServiceUrl!, a.Conversation!.Id!, teamsId, ct))?.AadObjectId ?? teamsId;
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("Could not look up a mentioned member of {Conversation}: {Reason}", a.Conversation?.Id, e.Message);
            return teamsId;
        }
    }

    private static JsonElement Value(Activity a) => a.Value is { ValueKind: JsonValueKind.Object } v ? v : JsonDocument.Parse("{}").RootElement;

    private static bool Keeps(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(AdaptiveCardRenderer.KeepKey, out var k) && k.ValueKind == JsonValueKind.True;

    private static string? OfferedTo(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(AdaptiveCardRenderer.OfferedToKey, out var o) && o.ValueKind == JsonValueKind.String
            ? o.GetString()
            : null;

    private static string? Command(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;

    /// <summary>
    /// Why an activity, validly signed, still does not speak for a Teams tenant, or null when it does: only channel
    /// "msteams" (other Bot Framework channels, such as Web Chat and Direct Line, let their clients choose `from` and
    /// `channelData`), a tenant in the conversation that agrees with channelData's, and one of
    /// <see cref="TeamsOptions.AllowedTenants"/> when that list is set.
    /// </summary>
    public static string? Refusal(Activity a, TeamsOptions options)
    {
        if (!string.Equals(a.ChannelId, "msteams", StringComparison.Ordinal))
        {
            return $"channel '{a.ChannelId}' is not Microsoft Teams";
        }

        var fromData = TenantIdFromChannelData(a);
        if (a.Conversation?.TenantId is { } conversation && fromData is not null && !string.Equals(conversation, fromData, StringComparison.OrdinalIgnoreCase))
        {
            return "conversation.tenantId and channelData.tenant.id disagree";
        }

        var tenant = a.Conversation?.TenantId ?? fromData;
        return options.AllowedTenants.Count > 0 && (tenant is null || !options.AllowedTenants.Contains(tenant, StringComparer.OrdinalIgnoreCase))
            ? $"tenant '{tenant}' is not in Teams:AllowedTenants"
            : null;
    }

    private static string? TenantIdFromChannelData(Activity a) =>
        a.ChannelData is { ValueKind: JsonValueKind.Object } cd && cd.TryGetProperty("tenant", out var t) && t.TryGetProperty("id", out var id) ? id.GetString() : null;

}
