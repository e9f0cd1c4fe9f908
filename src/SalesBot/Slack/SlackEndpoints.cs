using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SalesBot.Deals;
using SalesBot.Messaging;

namespace SalesBot.Slack;

/// <summary>The HTTP surface Slack calls. Every request is verified against the signing secret before anything else.</summary>
internal static class SlackEndpoints
{

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/slack");
        group.MapPost("/commands", CommandsAsync);
        group.MapPost("/events", EventsAsync);
        group.MapPost("/interactions", InteractionsAsync);
        group.MapGet("/install", SlackOAuth.Install);
        group.MapGet("/oauth/callback", SlackOAuth.CallbackAsync);
    }

    private static async Task<IResult> CommandsAsync(HttpContext http, SlackBot bot, SlackSurfaces surfaces, IOptions<SlackOptions> options, TimeProvider clock)
    {
        if (await RequestBody.ReadAsync(http.Request) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var form = Form(body);
        if (form.GetValueOrDefault("ssl_check") == "1")
        {
            return Results.Ok();
        }

        if (!Verified(http.Request, body, options.Value, clock))
        {
            return Results.Unauthorized();
        }

        if (SlashCommand.From(form) is not { } command)
        {
            return Results.BadRequest();
        }

        return await bot.AnswerCommandAsync(command, surfaces, http.RequestAborted) is { } answer ? Results.Json(answer, SlackJson.Options) : Results.Ok();
    }

    private static async Task<IResult> EventsAsync(HttpContext http, SlackBot bot, IOptions<SlackOptions> options, TimeProvider clock)
    {
        if (await RequestBody.ReadAsync(http.Request) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!Verified(http.Request, body, options.Value, clock))
        {
            return Results.Unauthorized();
        }

        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<EventEnvelope>(body, SlackJson.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        switch (envelope)
        {
            case { Type: "url_verification", Challenge: { } challenge }:
                return Results.Json(new { challenge });
            case { Type: "event_callback" }:
                try
                {
                    // Recorded before the 200, so an event Slack considers delivered is never only in memory.
                    if (await bot.AcceptEventAsync(envelope, http.RequestAborted))
                    {
                        bot.HandleEvent(envelope);
                    }
                }
                catch (StorageUnavailableException)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // Slack delivers it again later.
                }

                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    private static async Task<IResult> InteractionsAsync(HttpContext http, SlackBot bot, SlackSurfaces surfaces, IOptions<SlackOptions> options, TimeProvider clock)
    {
        if (await RequestBody.ReadAsync(http.Request) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!Verified(http.Request, body, options.Value, clock))
        {
            return Results.Unauthorized();
        }

        try
        {
            if (Form(body).GetValueOrDefault("payload") is not { } json)
            {
                return Results.BadRequest();
            }

            return await surfaces.InteractAsync(bot, json, http.RequestAborted) is { } answer ? Results.Json(answer, SlackJson.Options) : Results.Ok();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        catch (StorageUnavailableException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static bool Verified(HttpRequest request, byte[] body, SlackOptions options, TimeProvider clock) =>
        SlackSignature.IsValid(
            options.SigningSecret ?? string.Empty,
            request.Headers["X-Slack-Request-Timestamp"].ToString(),
            request.Headers["X-Slack-Signature"].ToString(),
            body,
            clock.GetUtcNow());

    private static Dictionary<string, string> Form(byte[] body) =>
        new FormReader(Encoding.UTF8.GetString(body)).ReadForm().ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
}
