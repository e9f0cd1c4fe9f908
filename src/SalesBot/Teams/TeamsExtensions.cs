using Microsoft.Extensions.Options;
using SalesBot.Messaging;
using SalesBot.Storage;

namespace SalesBot.Teams;

internal static class TeamsExtensions
{
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section)
            .Validate(o => !o.Enabled || ((!string.IsNullOrWhiteSpace(o.AppPassword) || !string.IsNullOrWhiteSpace(o.ManagedIdentityClientId)) && !string.IsNullOrWhiteSpace(o.TenantId)),
                "Teams:TenantId, and Teams:AppPassword or Teams:ManagedIdentityClientId, are required when Teams:AppId is set.")
            .Validate(o => BotFrameworkKeys.IsSafe(o.OpenIdMetadataUrl), "Teams:OpenIdMetadataUrl must be an https address (http only to this machine).")
            .Validate(o => BotFrameworkKeys.IsSafe(o.EffectiveTokenEndpoint), "Teams:TokenEndpoint must be an https address (http only to this machine): the app's secret is sent there.")
            .ValidateOnStart();
        services.AddSingleton(new SalesBot.Messaging.ChannelNamespace("Microsoft Teams", TeamsBot.TenantPrefix));
        services.AddSingleton(new FeatureTable(ConversationReferences.Table));
        services.AddSingleton<ConversationReferences>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<BotFrameworkKeys>();
        services.AddSingleton<TeamsTokenValidator>();
        services.AddSingleton<BotTokens>();
        services.AddTransient<TeamsBot>();
        services.AddSingleton<TeamsSurfaces>();
        services.AddTransient<IDirectMessenger>(sp => sp.GetRequiredService<TeamsBot>());
        services.AddTransient<IChannelPoster, TeamsChannels>();
        services.AddTransient<IDeliveryReplayer>(sp => sp.GetRequiredService<TeamsBot>());
        services.AddHttpClient(BotFrameworkKeys.HttpClientName).AddStandardResilienceHandler();
        services.AddHttpClient(BotTokens.HttpClientName).AddHttpMessageHandler(sp =>
            sp.GetRequiredService<IOptions<TeamsOptions>>().Value.TokenEndpoint is { } endpoint ? new TokenEndpointRedirect(endpoint) : new PassThrough());
        var connector = services.AddHttpClient<ConnectorClient>();
        connector.AddStandardResilienceHandler(o =>
        {
            o.Retry.MaxRetryAttempts = 4;
            o.Retry.Delay = TimeSpan.FromMilliseconds(500);
            o.Retry.UseJitter = true;
            o.Retry.ShouldRetryAfterHeader = true;
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
        });
        connector.AddHttpMessageHandler(() => new SalesBot.Diagnostics.Telemetry.ThrottleCounter("teams"));
        return services;
    }

    /// <summary>Maps <c>POST /api/messages</c> when <c>Teams:AppId</c> is set; otherwise says so and leaves it absent.</summary>
    public static WebApplication MapTeams(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        if (!options.Enabled)
        {
            app.Logger.LogInformation("Teams endpoint disabled: Teams:AppId is not set.");
            return app;
        }

        TeamsEndpoints.Map(app);
        app.Logger.LogInformation("Teams endpoint enabled at POST /api/messages.");
        return app;
    }

    private sealed class PassThrough : DelegatingHandler;
}
