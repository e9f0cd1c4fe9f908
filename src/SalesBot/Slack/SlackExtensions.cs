using Microsoft.Extensions.Options;
using SalesBot.Messaging;
using SalesBot.Storage;

namespace SalesBot.Slack;

internal static class SlackExtensions
{
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section)
            .Validate(o => !o.MultiWorkspace || IsKey(o.TokenEncryptionKey), "Slack:TokenEncryptionKey must be the base64 of 32 random bytes when Slack:ClientId is set.")
            .Validate(o => o.PreviousTokenEncryptionKeys.All(IsKey), "Each of Slack:PreviousTokenEncryptionKeys must be the base64 of 32 random bytes.")
            .Validate(o => !o.MultiWorkspace || o.RedirectUrl is { IsAbsoluteUri: true }, "Slack:RedirectUrl (the public address of /api/slack/oauth/callback, as registered with Slack) is required when Slack:ClientId is set.")
            .Validate(o => o.AnswerBudget > TimeSpan.Zero && o.AnswerBudget < TimeSpan.FromSeconds(2.8), "Slack:AnswerBudget must be between 0 and 2.8 seconds.")
            .ValidateOnStart();
        services.AddSingleton(new FeatureTable(SlackInstallations.Table));
        services.AddSingleton(new SalesBot.Messaging.ChannelNamespace("Slack", SlackBot.TenantPrefix));
        services.AddSingleton<SlackInstallations>();
        services.AddTransient<SalesBot.Tenants.IAdminCommand, ResealTokensCommand>();
        services.AddSingleton<SlackPeople>();
        services.AddSingleton<SlackBot>();
        services.AddSingleton<SlackHome>();
        services.AddSingleton<SlackSurfaces>();
        services.AddSingleton<SalesBot.Home.PersonalHome>();
        services.AddSingleton<SalesBot.Deals.IDealChangeListener, SlackHomeListener>();
        services.AddSingleton<IDeliveryReplayer>(sp => sp.GetRequiredService<SlackBot>());
        services.AddTransient<SalesBot.Messaging.IDirectMessenger, SlackMessenger>();
        services.AddTransient<SalesBot.Messaging.IChannelPoster, SlackChannels>();
        var webApi = services.AddHttpClient<SlackWebApi>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl);
        webApi.AddStandardResilienceHandler(o =>
            {
                o.Retry.MaxRetryAttempts = 3;
                o.Retry.Delay = TimeSpan.FromMilliseconds(300);
                o.Retry.UseJitter = true;
                o.Retry.ShouldRetryAfterHeader = true;
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
            });
        webApi.AddHttpMessageHandler(() => new SalesBot.Diagnostics.Telemetry.ThrottleCounter("slack"));
        services.AddHostedService<BackgroundService>(sp => sp.GetRequiredService<IOptions<SlackOptions>>().Value.SocketModeEnabled
            ? ActivatorUtilities.CreateInstance<SlackSocketMode>(sp)
            : new Idle());
        return services;
    }

    /// <summary>Maps the Slack endpoints when a signing secret is configured; otherwise says so and leaves them absent.</summary>
    public static WebApplication MapSlack(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (options.SocketModeEnabled)
        {
            app.Logger.LogInformation("Slack Socket Mode enabled.");
        }

        if (!options.HttpEnabled)
        {
            app.Logger.LogInformation("Slack HTTP endpoints disabled: Slack:SigningSecret is not set.");
            return app;
        }

        if (string.IsNullOrWhiteSpace(options.BotToken) && !options.MultiWorkspace)
        {
            app.Logger.LogWarning("Slack: neither Slack:BotToken nor Slack:ClientId/ClientSecret is set; SalesBot can answer commands but not post messages.");
        }

        SlackEndpoints.Map(app);
        app.Logger.LogInformation("Slack endpoints enabled at /api/slack ({Mode}).", options.MultiWorkspace ? "multi-workspace" : "single workspace");
        return app;
    }

    private static bool IsKey(string? base64)
    {
        try
        {
            return base64 is not null && Convert.FromBase64String(base64).Length == 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed class Idle : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
