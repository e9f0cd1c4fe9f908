using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Slack;

/// <summary>
/// Turns Slack commands, events and clicks into channel-neutral messages and delivers the replies back. Commands are
/// answered in the HTTP response when the work fits the budget, else acknowledged and finished through response_url;
/// events and clicks are acknowledged at once and handled in the background.
/// </summary>
internal sealed partial class SlackBot(
    MessageDispatcher dispatcher, InboundPipeline inbound, SlackWebApi api, SlackInstallations installs, SlackPeople people, SlackHome home, Phrases t,
    IOptions<SlackOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<SlackBot> logger) : IDeliveryReplayer
{
    /// <summary>Two clicks on the same button within this window are one click.</summary>
    private const int ClickWindowSeconds = 5;
    private static readonly TimeSpan LookupBudget = TimeSpan.FromMilliseconds(500);

    [GeneratedRegex(@"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")]
    private static partial Regex ChannelPattern();

    [GeneratedRegex(@"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s*")]
    private static partial Regex LeadingMention();

    /// <summary>Every Slack workspace (or Enterprise Grid org) is the SalesBot team "slack-{id}".</summary>
    public const string TenantPrefix = "slack-";

    public static string TenantOf(string? teamId, string? enterpriseId, bool enterpriseInstall) =>
        TenantPrefix + (enterpriseInstall && !string.IsNullOrEmpty(enterpriseId) ? enterpriseId : teamId);

    /// <summary>
    /// Answers a slash command within the budget, or acknowledges it and delivers through response_url; null when it
    /// opened a form instead ("/deal new" alone), which Slack needs only an empty 200 for.
    /// </summary>
    public async Task<SlackMessage?> AnswerCommandAsync(SlashCommand command, SlackSurfaces surfaces, CancellationToken ct)
    {
        var tenant = TenantOf(command.TeamId, command.EnterpriseId, command.IsEnterpriseInstall);
        var channels = new List<MentionedChannel>();
        var (words, mentions) = Neutral(command.Text, channels);
        var text = (command.Command.TrimStart('/') + " " + words).Trim();
        var user = await UserWithinAsync(tenant, command.UserId, LookupBudget, ct);
        if (await surfaces.TryOpenFormAsync(tenant, new SlackUserRef(command.UserId, command.UserName, command.UserName, command.TeamId), command.TriggerId, text, ct, clicked: false))
        {
            return null;
        }

        var message = new IncomingMessage(tenant, command.UserId, user?.Name ?? command.UserName ?? command.UserId, command.ChannelId, text,
            clock.GetUtcNow(), user?.Locale, command.TriggerId is { } trigger ? "cmd|" + trigger : null, mentions, user?.TimeZone, user?.Email)
        {
            MayNameFirstManager = user?.IsAdmin == true,
            Channels = channels,
            ConversationName = command.ChannelName is "directmessage" or "privategroup" ? null : command.ChannelName,
        };

        var work = dispatcher.HandleAsync(message, lifetime.ApplicationStopping);
        var budget = Task.Delay(options.Value.AnswerBudget, ct);
        if (await Task.WhenAny(work, budget) == work)
        {
            UploadChart(tenant, command.ChannelId, await work);
            return BlockKitRenderer.Render(await work);
        }

        if (command.ResponseUrl is { } url)
        {
            inbound.Start(Channel, async ct =>
            {
                await api.RespondAsync(url, BlockKitRenderer.Render(await work), ct);
                UploadChart(tenant, command.ChannelId, await work);
            });
        }

        Languages.Use(await dispatcher.LanguageOfAsync(message, ct));
        return new SlackMessage(t["SlackWorking"], ResponseType: "ephemeral");
    }

    /// <summary>
    /// Records a button click before Slack gets its 200 (only the fields a replay reads: no trigger id, no message):
    /// false for a second click on the same button within <see cref="ClickWindowSeconds"/> seconds (or a click without
    /// a command). Then <see cref="Click"/> handles it.
    /// </summary>
    public Task<bool> AcceptClickAsync(BlockActions payload, CancellationToken ct) =>
        ClickOf(payload) is { } click ? inbound.AcceptAsync(click.Delivery, ct) : Task.FromResult(false);

    /// <summary>Runs an accepted click's command as the clicking user and replaces the message that held the button.</summary>
    public void Click(BlockActions payload)
    {
        if (ClickOf(payload) is { } click)
        {
            inbound.Start(click.Delivery, ct => AnswerClickAsync(payload, click, ct));
        }
    }

    private async Task AnswerClickAsync(BlockActions payload, ClickInfo click, CancellationToken ct)
    {
        var person = await PersonAsync(click.Delivery.Tenant, payload.User.Id, ct);
        var message = new IncomingMessage(click.Delivery.Tenant, payload.User.Id, person?.Name ?? payload.User.Name ?? payload.User.Username ?? payload.User.Id,
            payload.Container?.ChannelId ?? string.Empty, click.Command, clock.GetUtcNow(), person?.Locale, click.Delivery.Id, TimeZone: person?.TimeZone, Email: person?.Email)
        {
            MayNameFirstManager = person?.IsAdmin == true,
            OfferedTo = click.OfferedTo,
        };
        await inbound.AnswerAsync(message, async (reply, token) =>
        {
            if (payload.ResponseUrl is { } url)
            {
                await api.RespondAsync(url, BlockKitRenderer.Render(reply, replaceOriginal: !reply.KeepsClickedMessage && !click.KeepsMessage), token);
                UploadChart(click.Delivery.Tenant, payload.Container?.ChannelId, reply);
            }
            else if (payload.Container?.Type == "view" && await installs.FindAsync(click.Delivery.Tenant, token) is { } install)
            {
                // A button on App Home has no response_url: the answer comes as a direct message, and the home is refreshed.
                var channel = await api.OpenConversationAsync(install.BotToken, payload.User.Id, token);
                await api.PostMessageAsync(install.BotToken, BlockKitRenderer.Render(reply) with { Channel = channel }, token);
                home.Refresh(click.Delivery.Tenant, payload.User.Id);
            }
        }, ct);
    }

    /// <summary>A click as a delivery (same button, same user, same 5 seconds: same id), its command, and the user the button was offered to.</summary>
    private sealed record ClickInfo(Delivery Delivery, string Command, string? OfferedTo, bool KeepsMessage);

    private ClickInfo? ClickOf(BlockActions payload)
    {
        if (payload.Actions is not [var action, ..] || action.Value is not { Length: > 0 } command)
        {
            return null;
        }

        var teamId = payload.Team?.Id ?? payload.User.TeamId;
        var tenant = TenantOf(teamId, payload.Enterprise?.Id ?? payload.Team?.EnterpriseId, payload.IsEnterpriseInstall == true);
        var window = decimal.TryParse(action.ActionTs, NumberStyles.Number, CultureInfo.InvariantCulture, out var ts) ? (long)ts / ClickWindowSeconds : 0;
        var mark = action.ActionId?.IndexOf(BlockKitRenderer.OfferedToMark, StringComparison.Ordinal) ?? -1;
        var offeredTo = mark >= 0 ? action.ActionId![(mark + BlockKitRenderer.OfferedToMark.Length)..] : null;
        var id = $"click|{payload.User.Id}|{payload.Container?.MessageTs}|{command}|{window}";
        var keeps = action.ActionId?.StartsWith(BlockKitRenderer.KeepMark, StringComparison.Ordinal) == true;
        return new ClickInfo(new Delivery(tenant, Channel, id, JsonSerializer.Serialize(payload with { TriggerId = null }, SlackJson.Options)), command, offeredTo, keeps);
    }

    public string Channel => "slack";

    /// <summary>
    /// Records an Events API delivery (the fields SalesBot reads) before Slack is told it arrived: false for a
    /// redelivery (or an event without an id). Then <see cref="HandleEvent"/> handles it.
    /// </summary>
    public Task<bool> AcceptEventAsync(EventEnvelope envelope, CancellationToken ct) =>
        EventOf(envelope) is { } delivery ? inbound.AcceptAsync(delivery, ct) : Task.FromResult(false);

    /// <summary>Handles an accepted Events API delivery in the background (bots and edits ignored).</summary>
    public void HandleEvent(EventEnvelope envelope)
    {
        if (EventOf(envelope) is { } delivery)
        {
            inbound.Start(delivery, ct => HandleEventAsync(envelope, ct));
        }
    }

    private Delivery? EventOf(EventEnvelope envelope) =>
        envelope.EventId is { } eventId ? new Delivery(TenantOf(envelope), Channel, "event|" + eventId, JsonSerializer.Serialize(envelope, SlackJson.Options)) : null;

    /// <summary>An accepted event or click whose handling was interrupted, handled again from what was recorded.</summary>
    public async Task ReplayAsync(PendingDelivery pending, CancellationToken ct)
    {
        var delivery = new Delivery(pending.Tenant, pending.Channel, pending.DeliveryId, pending.Payload);
        if (pending.DeliveryId.StartsWith("click|", StringComparison.Ordinal))
        {
            if (JsonSerializer.Deserialize<BlockActions>(pending.Payload, SlackJson.Options) is { } payload && ClickOf(payload) is { } click)
            {
                await inbound.HandleAsync(delivery, token => AnswerClickAsync(payload, click, token));
            }
        }
        else if (JsonSerializer.Deserialize<EventEnvelope>(pending.Payload, SlackJson.Options) is { } envelope)
        {
            await inbound.HandleAsync(delivery, token => HandleEventAsync(envelope, token));
        }
    }

    private async Task HandleEventAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (envelope.Event is { } ev && envelope.EventId is { } eventId)
        {
            await HandleAsync(TenantOf(envelope), eventId, ev, ct);
        }
    }

    private static string TenantOf(EventEnvelope envelope)
    {
        var auth = envelope.Authorizations is [var first, ..] ? first : null;
        return TenantOf(envelope.TeamId ?? auth?.TeamId, envelope.EnterpriseId ?? auth?.EnterpriseId,
            envelope.IsEnterpriseInstall ?? auth?.IsEnterpriseInstall ?? false);
    }

    private async Task HandleAsync(string tenant, string eventId, SlackEvent ev, CancellationToken ct)
    {
        switch (ev.Type)
        {
            case "app_uninstalled":
                await installs.RemoveAsync(tenant, ct);
                logger.LogInformation("Slack app uninstalled from {Tenant}; installation removed.", tenant);
                return;
            case "tokens_revoked" when ev.Tokens?.Bot is { Count: > 0 }:
                await installs.RemoveAsync(tenant, ct);
                logger.LogInformation("Slack bot token revoked for {Tenant}; installation removed.", tenant);
                return;
            case "app_home_opened" when ev.Tab == "home" && ev.User is { } user:
                await home.PublishAsync(tenant, user, ct);
                return;
            case "app_mention":
            case "message" when ev.ChannelType == "im":
                await AnswerMessageAsync(tenant, eventId, ev, ct);
                return;
        }
    }

    private async Task AnswerMessageAsync(string tenant, string eventId, SlackEvent ev, CancellationToken ct)
    {
        if (ev.BotId is not null || ev.Subtype is not null || ev.User is not { } user || ev.Channel is not { } channel)
        {
            return;
        }

        var install = await installs.FindAsync(tenant, ct);
        if (install is null)
        {
            logger.LogWarning("Slack event for {Tenant}, which has no installation; ignored.", tenant);
            return;
        }

        if (user == install.BotUserId)
        {
            return;
        }

        var channels = new List<MentionedChannel>();
        var (text, mentions) = Neutral(LeadingMention().Replace(ev.Text ?? string.Empty, string.Empty), channels);
        var person = await people.LookUpAsync(tenant, user, install.BotToken, lifetime.ApplicationStopping);
        var message = new IncomingMessage(tenant, user, person?.Name ?? user, channel, text, clock.GetUtcNow(), person?.Locale,
            "event|" + eventId, mentions, person?.TimeZone, person?.Email)
        {
            MayNameFirstManager = person?.IsAdmin == true,
            Channels = channels,
        };
        await inbound.AnswerAsync(message, async (reply, token) =>
        {
            var rendered = BlockKitRenderer.Render(reply) with { Channel = channel, ThreadTs = ev.ThreadTs };
            if (ev.ChannelType == "im" || reply.Visibility == Visibility.Public)
            {
                await api.PostMessageAsync(install.BotToken, rendered, token);
                UploadChart(tenant, channel, reply);
            }
            else
            {
                await api.PostEphemeralAsync(install.BotToken, rendered with { User = user }, token);
            }
        }, ct);
    }

    /// <summary>
    /// An answer that comes with a chart (pipeline … chart): the picture is uploaded into the conversation after the
    /// answer, in tracked background work, so it works the same over HTTP and in Socket Mode.
    /// </summary>
    private void UploadChart(string tenant, string? channel, Reply reply)
    {
        if (reply.Chart is not { } chart || string.IsNullOrEmpty(channel))
        {
            return;
        }

        inbound.Start(Channel, async ct =>
        {
            if (await installs.FindAsync(tenant, ct) is { } install)
            {
                await api.UploadFileAsync(install.BotToken, channel, "pipeline.png", chart.Title, chart.AltText, Charts.ChartRenderer.Png(chart), ct);
            }
        });
    }

    /// <summary>The user's profile: cached, or fetched with the workspace's bot token; null when neither works.</summary>
    private async Task<SlackUser?> PersonAsync(string tenant, string userId, CancellationToken ct) =>
        people.Cached(tenant, userId) ?? (await installs.FindAsync(tenant, ct) is { } install ? await people.LookUpAsync(tenant, userId, install.BotToken, ct) : null);

    /// <summary>The user's profile if known or quickly fetched; a slow users.info must not eat the command's budget.</summary>
    private async Task<SlackUser?> UserWithinAsync(string tenant, string userId, TimeSpan budget, CancellationToken ct)
    {
        var lookup = PersonAsync(tenant, userId, lifetime.ApplicationStopping);
        return await Task.WhenAny(lookup, Task.Delay(budget, ct)) == lookup ? await lookup : null;
    }

    /// <summary>
    /// Slack's text as the core reads it: each real mention (<c>&lt;@U123|ann&gt;</c>, which Slack alone can write)
    /// becomes "@U123" with who that is, then &amp;, &lt; and &gt; are unescaped. Text a person typed to look like a
    /// mention arrives escaped, so it stays text.
    /// </summary>
    internal static (string Text, List<MentionedUser> Mentions) Neutral(string raw) => Neutral(raw, []);

    /// <summary>As <see cref="Neutral(string)"/>, and each channel link (<c>&lt;#C123|sales&gt;</c>) becomes "#C123", with its name.</summary>
    internal static (string Text, List<MentionedUser> Mentions) Neutral(string raw, List<MentionedChannel> channels)
    {
        var mentions = new List<MentionedUser>();
        var text = MentionPattern().Replace(raw, m =>
        {
            var id = m.Groups[1].Value;
            mentions.Add(new MentionedUser(id, m.Groups[2].Success && m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : id));
            return "@" + id;
        });
        text = ChannelPattern().Replace(text, m =>
        {
            var id = m.Groups[1].Value;
            channels.Add(new MentionedChannel(id, m.Groups[2].Success && m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : id));
            return "#" + id;
        });
        return (Unescape(text), mentions);
    }

    /// <summary>Slack escapes &amp;, &lt; and &gt; in message text.</summary>
    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

}
