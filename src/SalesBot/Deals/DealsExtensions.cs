namespace SalesBot.Deals;

internal static class DealsExtensions
{
    /// <summary>The one writer of deals; features that follow changes register an <see cref="IDealChangeListener"/>.</summary>
    public static IServiceCollection AddDeals(this IServiceCollection services) => services.AddSingleton<DealWriter>().AddSingleton<TeamUpkeep>();
}
