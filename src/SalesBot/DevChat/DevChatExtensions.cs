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

public sealed record DemoRequest(string? Tenant);

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

        app.Logger.LogInformation("Dev chat enabled: open http://localhost:3978/ (POST /api/dev/messages for scripts).");
        app.MapPost("/api/dev/messages", HandleAsync);
        app.MapGet("/", () => Page("index.html", "text/html; charset=utf-8"));
        app.MapGet("/dev/{file}", (string file) => file is "app.js" or "app.css"
            ? Page(file, file.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8")
            : Results.NotFound());
        app.MapGet("/api/dev/inbox", (string tenant, string user, DevInbox inbox) =>
            Results.Ok(inbox.For(tenant, user).Select(d => new { d.At, d.Reply })));
        app.MapPost("/api/dev/demo", async (DemoRequest request, DemoTeam demo, Reminders.ReminderScanner scanner, CancellationToken ct) =>
        {
            var deals = await demo.LoadAsync(string.IsNullOrWhiteSpace(request.Tenant) ? "demo" : request.Tenant, ct);
            await scanner.ScanAsync(ct);
            return Results.Ok(new { deals });
        });
        return app;
    }

    /// <summary><c>--seed-demo</c> on the command line loads the demo team into the team "demo" at start-up.</summary>
    public static async Task SeedDemoIfAskedAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains("--seed-demo"))
        {
            return;
        }

        var deals = await app.Services.GetRequiredService<DemoTeam>().LoadAsync("demo", CancellationToken.None);
        app.Logger.LogInformation("Demo team loaded into team \"demo\": {Deals} deals; manager Maria Skov (u-maria).", deals);
    }

    private static IResult Page(string file, string contentType)
    {
        var stream = typeof(DevChatExtensions).Assembly.GetManifestResourceStream("devchat/" + file);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
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
