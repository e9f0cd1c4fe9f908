using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SalesBot.Slack;

/// <summary>
/// Socket Mode: SalesBot dials out to Slack over a WebSocket, so it runs behind a firewall or on a laptop. Every envelope
/// is acknowledged by its envelope_id, and its payload goes to the same handlers as HTTP. A dropped or refreshed
/// connection is reopened with backoff. Spec: https://api.slack.com/apis/connections/socket
/// </summary>
internal sealed class SlackSocketMode(
    SlackWebApi api, SlackBot bot, SlackSurfaces surfaces, IOptions<SlackOptions> options, ILogger<SlackSocketMode> logger) : BackgroundService
{
    private static readonly string[] Fatal = ["invalid_auth", "not_authed", "account_inactive", "user_removed_from_team", "team_disabled"];
    /// <summary>The same cap as an HTTP request from Slack.</summary>
    private const int MaxEnvelopeBytes = Messaging.RequestBody.MaxBytes;
    private readonly SemaphoreSlim _sending = new(1, 1);

    public override void Dispose()
    {
        _sending.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await api.OpenConnectionAsync(options.Value.AppToken!, stoppingToken);
                using var socket = new ClientWebSocket();
                // A socket that stops answering pings is aborted (RFC 6455 §5.5.2), so a silent connection is replaced.
                socket.Options.KeepAliveInterval = options.Value.SocketPingInterval;
                socket.Options.KeepAliveTimeout = options.Value.SocketPingTimeout;
                await socket.ConnectAsync(url, stoppingToken);
                failures = 0;
                var reason = await ReceiveAsync(socket, stoppingToken);
                if (reason == "socket_mode_disabled")
                {
                    logger.LogError("Slack disabled Socket Mode for this app; not reconnecting.");
                    return;
                }

                logger.LogInformation("Slack Socket Mode connection ended ({Reason}); reconnecting.", reason);
            }
            catch (SlackApiException e) when (Fatal.Contains(e.Error))
            {
                logger.LogError("Slack refused the app token ({Error}); Socket Mode stopped.", e.Error);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                logger.LogWarning("Slack Socket Mode connection failed ({Reason}); retry {Attempt}.", e.Message, failures);
            }

            if (failures > 0)
            {
                // Reconnect backoff is wall-clock infrastructure time, not business time.
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1))), stoppingToken);
            }
        }
    }

    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return "closed";
            }

            if (message.Length + result.Count > MaxEnvelopeBytes)
            {
                // Slack's envelopes are far smaller; a bigger one is not read into memory, and the connection is replaced.
                await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "envelope too large", ct);
                return "an envelope larger than 1 MiB";
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var envelope = JsonSerializer.Deserialize<SocketEnvelope>(message.ToArray(), SlackJson.Options);
            message.SetLength(0);
            if (envelope is null)
            {
                continue;
            }

            if (envelope.Type == "disconnect")
            {
                return envelope.Reason ?? "disconnect";
            }

            _ = HandleAsync(socket, envelope, ct);
        }

        return "closed";
    }

    private async Task HandleAsync(ClientWebSocket socket, SocketEnvelope envelope, CancellationToken ct)
    {
        try
        {
            switch (envelope.Type)
            {
                case "hello":
                    logger.LogInformation("Slack Socket Mode connected.");
                    break;
                case "events_api":
                    // Recorded before the ack, so an event Slack considers delivered is never only in memory.
                    var events = envelope.Payload?.Deserialize<EventEnvelope>(SlackJson.Options);
                    var accepted = events is { Type: "event_callback" } && await bot.AcceptEventAsync(events, ct);
                    await AckAsync(socket, envelope, null, ct);
                    if (accepted)
                    {
                        bot.HandleEvent(events!);
                    }

                    break;
                case "slash_commands":
                    var fields = envelope.Payload?.EnumerateObject()
                        .Where(p => p.Value.ValueKind == JsonValueKind.String)
                        .ToDictionary(p => p.Name, p => p.Value.GetString()!) ?? [];
                    SlackMessage? answer = SlashCommand.From(fields) is { } command ? await bot.AnswerCommandAsync(command, surfaces, ct) : null;
                    await AckAsync(socket, envelope, envelope.AcceptsResponsePayload == true ? answer : null, ct);
                    break;
                case "interactive" when envelope.Payload is { } interaction:
                    // Form errors and a picker's options go in the ack's payload, as they would in the HTTP response.
                    await AckAsync(socket, envelope, await surfaces.InteractAsync(bot, interaction.GetRawText(), ct), ct);
                    break;
                default:
                    if (envelope.EnvelopeId is not null)
                    {
                        await AckAsync(socket, envelope, null, ct);
                    }

                    break;
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Slack Socket Mode envelope {Type} failed.", envelope.Type);
        }
    }

    private async Task AckAsync(ClientWebSocket socket, SocketEnvelope envelope, object? payload, CancellationToken ct)
    {
        var ack = JsonSerializer.SerializeToUtf8Bytes(new { envelope_id = envelope.EnvelopeId, payload }, SlackJson.Options);
        await _sending.WaitAsync(ct);
        try
        {
            await socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sending.Release();
        }
    }
}
