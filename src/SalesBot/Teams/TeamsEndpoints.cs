using System.Text.Json;

namespace SalesBot.Teams;

/// <summary><c>POST /api/messages</c>: every activity is verified before anything in it is acted on.</summary>
internal static class TeamsEndpoints
{
    private const int MaxBody = 1 << 20;

    public static void Map(WebApplication app) => app.MapPost("/api/messages", ReceiveAsync);

    private static async Task<IResult> ReceiveAsync(HttpContext http, TeamsTokenValidator validator, TeamsBot bot, Microsoft.Extensions.Options.IOptions<TeamsOptions> options, ILogger<TeamsBot> logger)
    {
        if (http.Request.ContentLength > MaxBody)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, TeamsJson.Options, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (activity?.Type is null)
        {
            return Results.BadRequest();
        }

        if (!await validator.IsValidAsync(http.Request.Headers.Authorization.ToString(), activity, http.RequestAborted))
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
        catch (Storage.StorageUnavailableException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }
}
