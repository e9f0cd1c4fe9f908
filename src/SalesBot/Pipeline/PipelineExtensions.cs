using SalesBot.Messaging;

namespace SalesBot.Pipeline;

internal static class PipelineExtensions
{
    /// <summary>The manager answers: <c>pipeline &lt;period&gt;</c> with its views and drill-downs.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddSingleton<PipelineReplies>();
        services.AddSingleton<PipelineSumsUpkeep>();
        services.AddSingleton<IPipelineSums, TableSummaryStore>();
        services.AddSingleton<Storage.IDealChangeRows, PipelineSumsRows>();
        services.AddSingleton<SumsLookups>();
        services.AddSingleton<Tenants.IStageTimes>(sp => sp.GetRequiredService<SumsLookups>());
        services.AddSingleton<Deals.Verbs.IOpenDealCounts>(sp => sp.GetRequiredService<SumsLookups>());
        services.AddSingleton(new Storage.FeatureTable(ForecastSnapshots.Table));
        services.AddSingleton<ForecastSnapshots>();
        services.AddSingleton<AccuracyReport>();
        services.AddSingleton<ForecastWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ForecastWorker>());
        services.AddCommandHandlersOf<PipelineHandler>();
        return services;
    }
}
