using System.ComponentModel.DataAnnotations;
using SalesBot.Messaging;

namespace SalesBot.DevChat;

/// <summary>A message typed into the local dev endpoint.</summary>
public sealed record DevMessage(
    [property: Required] string Tenant,
    [property: Required] string User,
    string? UserName,
    [property: Required] string Text,
    string? Locale = null,
    string? Id = null);

/// <summary>
/// <c>POST /api/dev/messages</c>: talk to the bot without Slack or Teams. Mapped only in Development or with
/// <c>DevChat:Enabled=true</c>; otherwise the route does not exist.
/// </summary>
public static class DevChatExtensions
{
    public static bool IsDevChatEnabled(this WebApplication app) =>
        app.Configuration.GetValue<bool?>("DevChat:Enabled") ?? app.Environment.IsDevelopment();

    public static WebApplication MapDevChat(this WebApplication app)
    {
        if (!app.IsDevChatEnabled())
        {
            return app;
        }

        app.Logger.LogInformation("Dev chat endpoint enabled at POST /api/dev/messages.");
        app.MapPost("/api/dev/messages", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(DevMessage message, MessageDispatcher dispatcher, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(message.Tenant) || string.IsNullOrWhiteSpace(message.User) || message.Text is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["message"] = ["tenant, user and text are required."],
            });
        }

        var incoming = new IncomingMessage(
            message.Tenant, message.User, message.UserName ?? message.User, $"dev:{message.User}", message.Text,
            clock.GetUtcNow(), message.Locale, message.Id is { Length: > 0 } id ? $"dev:{id}" : null);
        return Results.Ok(await dispatcher.HandleAsync(incoming, ct));
    }
}
