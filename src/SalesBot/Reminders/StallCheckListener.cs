using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Reminders;

/// <summary>Every stored change of a deal places its next stall check (see <see cref="ReminderScheduler"/>).</summary>
internal sealed class StallCheckListener(ReminderScheduler scheduler, TenantSettingsProvider tenants) : IDealChangeListener
{
    public async Task AfterChangeAsync(string tenant, Deal? before, DealChange change, CancellationToken ct) =>
        await scheduler.AfterChangeAsync(await tenants.GetAsync(tenant, ct), change.After, ct, before);
}
