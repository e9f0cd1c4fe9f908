using System.Text.Json;
using SalesBot.Deals;
using SalesBot.Messaging;

namespace SalesBot.Teams;

/// <summary><c>POST /api/messages</c>: every activity is verified before anything in it is acted on.</summary>
internal static class TeamsEndpoints
{
    public static void Map(WebApplication app) => app.MapPost("/api/messages", ReceiveAsync);

    private static async Task<IResult> ReceiveAsync(HttpContext http, TeamsTokenValidator validator, TeamsBot bot, Microsoft.Extensions.Options.IOptions<TeamsOptions> options, ILogger<TeamsBot> logger)
    {
        if (http.Request.ContentLength > RequestBody.MaxBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // The token first: nothing of an unauthenticated body is read, let alone parsed.
        if (await validator.VerifyAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted) is not { } token)
        {
            return Results.Unauthorized();
        }

        // A chunked body has no Content-Length: read at most 1 MiB of it, whatever it claims.
        if (await RequestBody.ReadAsync(http.Request) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, TeamsJson.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (activity?.Type is null)
        {
            return Results.BadRequest();
        }

        if (!validator.Matches(token, activity))
        {
            return Results.Unauthorized();
        }

        if (TeamsBot.Refusal(activity, options.Value) is { } refusal)
        {
            logger.LogWarning("Refused a signed activity: {Reason}.", refusal);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only Microsoft Teams activities of an allowed tenant are accepted.", detail: refusal);
        }

        try
        {
            return await bot.HandleAsync(activity, http.RequestAborted);
        }
        catch (StorageUnavailableException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }
}
