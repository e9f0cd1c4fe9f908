using System.ComponentModel.DataAnnotations;
using SalesBot.Messaging;

namespace SalesBot.DevChat;

/// <summary>A message typed into the local dev endpoint.</summary>
internal sealed record DevMessage(
    [property: Required] string Tenant,
    [property: Required] string User,
    string? UserName,
    [property: Required] string Text,
    string? Locale = null,
    string? Id = null,
    string? OfferedTo = null,
    string? TimeZone = null);

/// <summary><paramref name="Language"/>: "da" loads the Danish demo team (the team's language Danish, Danish notes).</summary>
internal sealed record DemoRequest(string? Tenant, string? Language = null);

/// <summary>
/// <c>POST /api/dev/messages</c>: talk to the bot without Slack or Teams. Mapped only in Development or with
/// <c>DevChat:Enabled=true</c>; otherwise the route does not exist.
/// </summary>
internal static class DevChatExtensions
{
    /// <summary>The dev inbox (where dev-chat teams receive nudges and digests) and the demo team.</summary>
    public static IServiceCollection AddDevChat(this IServiceCollection services)
    {
        services.AddSingleton<DevInbox>();
        services.AddSingleton<DemoTeam>();
        services.AddSingleton<IDirectMessenger>(sp => sp.GetRequiredService<DevInbox>());
        services.AddSingleton<DevChannels>();
        services.AddSingleton<IChannelPoster>(sp => sp.GetRequiredService<DevChannels>());
        return services;
    }

    public static bool IsDevChatEnabled(this WebApplication app) =>
        app.Configuration.GetValue<bool?>("DevChat:Enabled") ?? app.Environment.IsDevelopment();

    /// <summary>Keys whose presence means real workspaces are connected; the dev endpoint must not share a public host with them.</summary>
    private static readonly string[] ChannelSecrets =
        ["Slack:SigningSecret", "Slack:BotToken", "Slack:ClientSecret", "Slack:AppToken", "Teams:AppId", "Teams:AppPassword"];

    public static WebApplication MapDevChat(this WebApplication app)
    {
        if (!app.IsDevChatEnabled())
        {
            return app;
        }

        var secrets = ChannelSecrets.Where(k => !string.IsNullOrWhiteSpace(app.Configuration[k])).ToArray();
        if (!app.Environment.IsDevelopment() && secrets.Length > 0)
        {
            throw new InvalidOperationException(
                $"DevChat:Enabled is true outside Development while {string.Join(", ", secrets)} {(secrets.Length == 1 ? "is" : "are")} set: " +
                "the dev endpoint lets its callers say who they are, so it must not run beside a connected workspace. Turn DevChat:Enabled off.");
        }

        app.Logger.LogInformation("Dev chat enabled: open http://localhost:3978/ (POST /api/dev/messages for scripts).");
        var allowRemote = app.Configuration.GetValue<bool>("DevChat:AllowRemote");
        var dev = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            allowRemote || IsLocal(context.HttpContext)
                ? await next(context)
                : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The dev chat answers only this machine (set DevChat:AllowRemote to open it)."));
        dev.MapPost("/api/dev/messages", HandleAsync);
        dev.MapGet("/", () => Page("index.html", "text/html; charset=utf-8"));
        dev.MapGet("/dev/{file}", (string file) => file is "app.js" or "app.css"
            ? Page(file, file.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8")
            : Results.NotFound());
        // Teams a chat platform owns (ChannelTenants) are acted in only by that platform's verified requests, never by
        // the dev endpoint, whose callers say who they are.
        dev.MapGet("/api/dev/inbox", (string tenant, string user, DevInbox inbox, ChannelTenants channels) => channels.ChannelOf(tenant) is { } channel
            ? ChannelTenantRefused(tenant, channel)
            : Results.Ok(inbox.For(tenant, user).Select(d => new { d.At, d.Reply })));
        dev.MapGet("/api/dev/feed", (string tenant, DevChannels posts, ChannelTenants channels) => channels.ChannelOf(tenant) is { } channel
            ? ChannelTenantRefused(tenant, channel)
            : Results.Ok(posts.For(tenant).Select(p => new { p.At, p.Channel, p.Reply })));
        dev.MapPost("/api/dev/demo", async (DemoRequest request, DemoTeam demo, Reminders.ReminderScanner scanner, ChannelTenants channels, CancellationToken ct) =>
        {
            var tenant = string.IsNullOrWhiteSpace(request.Tenant) ? "demo" : request.Tenant;
            if (channels.ChannelOf(tenant) is { } channel)
            {
                return ChannelTenantRefused(tenant, channel);
            }

            var deals = await demo.LoadAsync(tenant, ct, request.Language);
            await scanner.ScanAsync(ct);
            return Results.Ok(new { deals });
        });
        return app;
    }

    /// <summary>A caller on this machine (or in process, as in tests).</summary>
    private static bool IsLocal(HttpContext http) => http.Connection.RemoteIpAddress is not { } remote || System.Net.IPAddress.IsLoopback(remote);

    private static IResult ChannelTenantRefused(string tenant, string channel) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: $"The dev chat does not act in '{tenant}': that team belongs to {channel}, and only its verified requests act there.");

    /// <summary>
    /// <c>--seed-demo</c> on the command line loads the demo team into the team "demo" at start-up, and the Danish one
    /// into "demo-da".
    /// </summary>
    public static async Task SeedDemoIfAskedAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains("--seed-demo"))
        {
            return;
        }

        var demo = app.Services.GetRequiredService<DemoTeam>();
        var deals = await demo.LoadAsync("demo", CancellationToken.None);
        await demo.LoadAsync("demo-da", CancellationToken.None, "da");
        app.Logger.LogInformation("Demo team loaded into team \"demo\" (and in Danish into \"demo-da\"): {Deals} deals; manager Maria Skov (u-maria).", deals);
    }

    private static IResult Page(string file, string contentType)
    {
        var stream = typeof(DevChatExtensions).Assembly.GetManifestResourceStream("devchat/" + file);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }

    private static async Task<IResult> HandleAsync(DevMessage message, MessageDispatcher dispatcher, ChannelTenants channels, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(message.Tenant) || string.IsNullOrWhiteSpace(message.User) || message.Text is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["message"] = ["tenant, user and text are required."],
            });
        }

        if (channels.ChannelOf(message.Tenant) is { } channel)
        {
            return ChannelTenantRefused(message.Tenant, channel);
        }

        var incoming = new IncomingMessage(
            message.Tenant, message.User, message.UserName ?? message.User, $"dev:{message.User}", message.Text,
            clock.GetUtcNow(), message.Locale, message.Id is { Length: > 0 } id ? $"dev:{id}" : null, TimeZone: message.TimeZone)
        {
            // A dev-chat team is nobody's workspace (channel teams are refused above): its callers may name its first manager.
            MayNameFirstManager = true,
            OfferedTo = message.OfferedTo,
        };
        return Results.Ok(await dispatcher.HandleAsync(incoming, ct));
    }
}
