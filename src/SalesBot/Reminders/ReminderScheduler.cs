using Microsoft.Extensions.Options;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Reminders;

/// <summary>
/// After every change to a deal, puts its next check into the due index. The time is computed in the team's zone and
/// brought forward by 14 hours, so it is never late for an owner in any zone; the scanner then works out the owner's
/// exact time. Best effort: a missed row is restored by the daily repair sweep.
/// </summary>
internal sealed class ReminderScheduler(DueIndex index, IOptions<ReminderOptions> options, TimeProvider clock, ILogger<ReminderScheduler> logger)
{
    private static readonly TimeSpan EarliestZone = TimeSpan.FromHours(14);
    private readonly BoundedCache<string, bool> _registered = new(10_000);

    /// <param name="before">The deal before the change: when its next check is the same (a logged call, a new amount), the
    /// index row already says so and nothing is written.</param>
    public async Task AfterChangeAsync(TenantSettings tenant, Deal deal, CancellationToken ct, Deal? before = null)
    {
        var now = clock.GetUtcNow();
        if (!options.Value.Enabled || NextCheck(deal, tenant, now) is not { } at
            || (before is not null && NextCheck(before, tenant, now) == at))
        {
            return;
        }

        try
        {
            await index.ScheduleAsync(tenant.Tenant, deal.Id, at, ct);
            await RegisterAsync(tenant.Tenant, ct);
        }
        catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException)
        {
            logger.LogWarning("Could not schedule the stall check of {Deal} in {Tenant}; the repair sweep will.", deal.Id, tenant.Tenant);
        }
    }

    /// <summary>The first checks of many new deals (an import), written together.</summary>
    public async Task AfterCreatedAsync(TenantSettings tenant, IReadOnlyList<Deal> deals, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!options.Value.Enabled)
        {
            return;
        }

        var checks = deals.Select(d => (d.Id, At: NextCheck(d, tenant, now))).Where(c => c.At is not null).Select(c => (c.Id, c.At!.Value)).ToArray();
        if (checks.Length == 0)
        {
            return;
        }

        try
        {
            await index.ScheduleManyAsync(tenant.Tenant, checks, ct);
            await RegisterAsync(tenant.Tenant, ct);
        }
        catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException)
        {
            logger.LogWarning("Could not schedule the stall checks of {Count} new deals in {Tenant}; the repair sweep will.", checks.Length, tenant.Tenant);
        }
    }

    private async Task RegisterAsync(string tenant, CancellationToken ct)
    {
        if (!_registered.TryGetValue(tenant, out _))
        {
            await index.RegisterAsync(tenant, ct);
            _registered.Set(tenant, true);
        }
    }

    /// <summary>The earlier of the deal's next stall check and its close-date alert, brought forward for every zone.</summary>
    public DateTimeOffset? NextCheck(Deal deal, TenantSettings tenant, DateTimeOffset now)
    {
        var stall = NudgeSchedule.Decide(deal, tenant, tenant.TimeZone, options.Value, now) switch
        {
            NudgeDecision.NotYet { NextCheck: { } next } => next,
            NudgeDecision.Send => now,
            _ => (DateTimeOffset?)null,
        };
        var slip = NudgeSchedule.SlipAlertAt(deal, tenant, tenant.TimeZone, options.Value);
        var first = stall is null ? slip : slip is null ? stall : stall < slip ? stall : slip;
        return first is { } at ? (at - EarliestZone < now ? now : at - EarliestZone) : null;
    }
}
