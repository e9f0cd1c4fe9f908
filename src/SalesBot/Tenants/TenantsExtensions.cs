using Microsoft.Extensions.Options;

namespace SalesBot.Tenants;

internal static class TenantsExtensions
{
    public static IServiceCollection AddTenants(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenantsOptions>()
            .Configure(o =>
            {
                configuration.GetSection("Tenants").Bind(o.Tenants);
                configuration.GetSection("SalesProcess").Bind(o.SalesProcess);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TenantsOptions>, TenantsOptionsValidator>();
        services.AddSingleton<TenantSettingsProvider>();
        services.AddSingleton<FirstManager>();
        services.AddTransient<IAdminCommand, GrantManagerCommand>();
        return services;
    }
}
