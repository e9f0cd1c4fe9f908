using SalesBot.Messaging;

namespace SalesBot.Tenants.Config;

internal static class ConfigExtensions
{
    /// <summary>The <c>config</c> verb: stages, stall limits, probabilities, managers and quotas from chat.</summary>
    public static IServiceCollection AddTeamConfig(this IServiceCollection services) =>
        services.AddCommandHandlersOf<ConfigHandler>();
}
