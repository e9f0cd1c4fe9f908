using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Reminders;

/// <summary>Every stored change of a deal places its next stall check (see <see cref="ReminderScheduler"/>).</summary>
internal sealed class StallCheckListener(ReminderScheduler scheduler, TenantSettingsProvider tenants) : IDealChangeListener
{
    public async Task AfterChangeAsync(string tenant, Deal? before, DealChange change, CancellationToken ct) =>
        await scheduler.AfterChangeAsync(await tenants.GetAsync(tenant, ct), change.After, ct, before);

    public async Task AfterCreatedAsync(string tenant, IReadOnlyList<DealChange> changes, CancellationToken ct) =>
        await scheduler.AfterCreatedAsync(await tenants.GetAsync(tenant, ct), [.. changes.Select(c => c.After)], ct);
}
