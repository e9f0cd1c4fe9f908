using SalesBot.Storage;
using SalesBot.Deals;
using SalesBot.Messaging;

namespace SalesBot.Reminders;

internal static class RemindersExtensions
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .Validate(o => o.ScanInterval >= TimeSpan.FromSeconds(1), "Reminders:ScanInterval must be at least one second.")
            .Validate(o => o.RepeatBusinessDays >= 1, "Reminders:RepeatBusinessDays must be at least 1.")
            .Validate(o => o.EscalateAfter >= 1, "Reminders:EscalateAfter must be at least 1.")
            .Validate(o => ValidHours(o), "Reminders:WorkingHours must look like 09:00-17:00.")
            .ValidateOnStart();
        services.AddSingleton(new FeatureTable(DueIndex.Table));
        services.AddSingleton<DueIndex>();
        services.AddSingleton<ReminderScheduler>();
        services.AddSingleton<IDealChangeListener, StallCheckListener>();
        services.AddSingleton<NudgeReplies>();
        services.AddSingleton<Digest>();
        services.AddSingleton(new FeatureTable(BriefSchedule.Table));
        services.AddSingleton<BriefSchedule>();
        services.AddSingleton<MorningBrief>();
        services.AddSingleton<BriefContent>();
        services.AddCommandHandlersOf<BriefHandler>();
        services.AddSingleton<ReminderScanner>();
        services.AddHostedService<ReminderWorker>();
        return services;
    }

    private static bool ValidHours(ReminderOptions o)
    {
        try
        {
            var (start, end) = o.Hours();
            return start < end;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (IndexOutOfRangeException)
        {
            return false;
        }
    }
}
