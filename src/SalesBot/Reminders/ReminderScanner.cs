using Microsoft.Extensions.Options;
using SalesBot.Deals;
using SalesBot.Diagnostics;
using SalesBot.Messaging;
using SalesBot.Tenants;

namespace SalesBot.Reminders;

/// <summary>
/// Finds due stall nudges and delivers each exactly once. Per hit: read the deal, decide (owner's zone and hours), claim
/// the nudge with a conditional write on the deal (two scanners cannot both win), send it on the owner's channel,
/// confirm it. A claim never confirmed (a crash, a channel that stays down) is due again after
/// <see cref="ReminderOptions.ClaimTimeout"/>: that is also the only window in which a nudge can go out twice.
/// </summary>
internal sealed class ReminderScanner(
    DueIndex index, IDealStore store, DealWriter writer, TenantSettingsProvider tenants, IUserDirectory directory, IEnumerable<IDirectMessenger> messengers,
    NudgeReplies replies, Digest digest, MorningBrief brief, ReminderScheduler scheduler, IOptions<ReminderOptions> options, TimeProvider clock, ILogger<ReminderScanner> logger)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromDays(1);

    private readonly string _instance = Guid.NewGuid().ToString("N");

    /// <summary>One pass: returns how many nudges were delivered.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!await index.TryLeaseAsync(_instance, now, options.Value.ScanInterval * 3, ct))
        {
            return 0;
        }

        var delivered = 0;
        foreach (var rows in (await index.DueAsync(now, ct)).GroupBy(e => (e.Tenant, e.DealId)).Select(g => g.OrderBy(e => e.At).ToArray()))
        {
            var entry = rows[0];
            try
            {
                delivered += await HandleAsync(entry, now, ct) ? 1 : 0;

                // One check decides for the deal and schedules its next one: rows left by earlier changes or by the repair
                // sweep are spent with it, so a deal is never due twice.
                foreach (var extra in rows.Skip(1))
                {
                    await index.RemoveAsync(extra, ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Stall check of {Deal} in {Tenant} failed ({Reason}); it stays due.", entry.DealId, entry.Tenant, e.Message);
            }
        }

        foreach (var team in await index.TeamsAsync(ct))
        {
            try
            {
                await TeamDutiesAsync(team, now, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Digest or sweep of {Tenant} failed ({Reason}); it is tried again next scan.", team.Tenant, e.Message);
            }
        }

        await brief.SendDueAsync(ct);
        return delivered;
    }

    /// <summary>
    /// Per team: the weekly digest to its managers, and the daily repair sweep that puts every open deal back into the
    /// due index (a row lost between a deal write and its index write is restored within a day).
    /// </summary>
    private async Task TeamDutiesAsync(DueIndex.TeamEntry team, DateTimeOffset now, CancellationToken ct)
    {
        var tenant = await tenants.GetAsync(team.Tenant, ct);
        var nextDigest = team.NextDigestAt ?? Digest.Next(now, tenant, options.Value);
        var sweepDue = team.SweptAt is not { } swept || now - swept >= SweepEvery;
        var digestDue = team.NextDigestAt is { } at && at <= now;
        if (team.NextDigestAt is null || digestDue || sweepDue)
        {
            if (!await index.UpdateTeamAsync(team, digestDue ? Digest.Next(now, tenant, options.Value) : nextDigest, sweepDue ? now : team.SweptAt, ct))
            {
                return;
            }
        }

        if (!digestDue && !sweepDue)
        {
            return;
        }

        var open = await store.ListAsync(team.Tenant, new DealQuery(OpenOnly: true, Max: 100_000), ct);
        if (sweepDue)
        {
            foreach (var deal in open)
            {
                await scheduler.AfterChangeAsync(tenant, deal, ct);
            }
        }

        if (digestDue && messengers.FirstOrDefault(m => m.Serves(team.Tenant)) is { } messenger)
        {
            // Each manager reads it in their own language.
            foreach (var manager in tenant.Managers)
            {
                Languages.Use(LanguageOf(await directory.ProfileOfAsync(team.Tenant, manager, ct), tenant));
                if (digest.For(open, tenant, options.Value, tenant.Today(now)) is not { } reply)
                {
                    break;
                }

                await messenger.SendAsync(team.Tenant, manager, reply, ct);
            }
        }
    }

    private async Task<bool> HandleAsync(DueEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        var tenant = await tenants.GetAsync(entry.Tenant, ct);
        var snapshot = await store.GetAsync(entry.Tenant, entry.DealId, mayUseCache: false, ct);
        if (snapshot is null || !snapshot.Deal.IsOpen)
        {
            await index.RemoveAsync(entry, ct);
            return false;
        }

        var deal = snapshot.Deal;
        var o = options.Value;
        var owner = await directory.ProfileOfAsync(tenant.Tenant, deal.Owner.Id, ct);
        var zone = owner?.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var own) ? own : tenant.TimeZone;
        if (NudgeSchedule.SlipAlertAt(deal, tenant, zone, o) is { } slipDue && now >= slipDue && NudgeSchedule.InWorkingHours(now, zone, o, tenant.Holidays))
        {
            snapshot = await SlipAlertAsync(entry.Tenant, snapshot, tenant, owner, now, ct);
            deal = snapshot.Deal;
        }

        // A close-date alert not due yet (or due outside working hours) is looked at when it is, whatever the stall checks say.
        var slipNext = NudgeSchedule.SlipAlertAt(deal, tenant, zone, o) is { } slipAt
            ? (slipAt > now ? slipAt : NudgeSchedule.NextWorkingStart(now, zone, o, tenant.Holidays))
            : (DateTimeOffset?)null;
        if (deal.NudgeClaimed > deal.NudgesSent && deal.NudgeClaimedAt is { } claimedAt && now - claimedAt < o.ClaimTimeout)
        {
            await MoveAsync(entry, claimedAt + o.ClaimTimeout, ct);
            return false;
        }

        var decision = NudgeSchedule.Decide(deal, tenant, zone, o, now);
        if (decision is not NudgeDecision.Send send)
        {
            await RescheduleAsync(entry, decision, ct, slipNext);
            return false;
        }

        var bucket = now.UtcTicks / o.ClaimTimeout.Ticks;
        // One attempt each: a conflict means another instance claimed or changed the deal. The scanner places the deal's
        // next check itself (in the owner's zone), so these writes do not notify the listeners.
        if (await writer.UpdateAsync(entry.Tenant, snapshot, d => DealRules.ClaimNudge(d, send.Episode, send.Number, now),
                $"nudge-claim|{deal.Id}|{send.Episode}|{send.Number}|{bucket}", ct, attempts: 1, notify: false)
            is not WriteResult.Written claimed)
        {
            return false;
        }

        Telemetry.Nudges.Add(1, new KeyValuePair<string, object?>("salesbot.result", "claimed"));
        var messenger = messengers.FirstOrDefault(m => m.Serves(entry.Tenant));
        Languages.Use(LanguageOf(owner, tenant));
        var reply = replies.Nudge(deal, tenant, tenant.Today(now), send.DaysOverLimit);
        if (messenger is null || !await messenger.SendAsync(entry.Tenant, deal.Owner.Id, reply, ct))
        {
            Telemetry.Nudges.Add(1, new KeyValuePair<string, object?>("salesbot.result", "failed"));
            logger.LogWarning("Nudge for {Deal} in {Tenant} could not be delivered; it is due again in {Timeout}.", deal.Id, entry.Tenant, o.ClaimTimeout);
            await MoveAsync(entry, now + o.ClaimTimeout, ct);
            return false;
        }

        Telemetry.Nudges.Add(1, new KeyValuePair<string, object?>("salesbot.result", "sent"));
        var confirmed = await writer.UpdateAsync(entry.Tenant, claimed.Snapshot, d => DealRules.ConfirmNudge(d, send.Number, now),
            $"nudge-sent|{deal.Id}|{send.Episode}|{send.Number}", ct, attempts: 1, notify: false);
        if (((confirmed as WriteResult.Written)?.Snapshot ?? (confirmed as WriteResult.AlreadyWritten)?.Snapshot) is { } stored)
        {
            await RescheduleAsync(entry, NudgeSchedule.Decide(stored.Deal, tenant, zone, o, now), ct, slipNext);
        }

        return true;
    }

    /// <summary>
    /// Tells the owner, once per close date, that an open deal's expected close date has passed (claimed by a conditional
    /// write on the deal first, so of several scanners one sends it), and the team's managers as well when the deal has
    /// slipped twice before. Returns the deal as it stands after the claim.
    /// </summary>
    private async Task<DealSnapshot> SlipAlertAsync(string tenantId, DealSnapshot snapshot, TenantSettings tenant, PersonProfile? owner, DateTimeOffset now, CancellationToken ct)
    {
        var deal = snapshot.Deal;
        if (await writer.UpdateAsync(tenantId, snapshot, d => DealRules.ClaimSlipAlert(d, now), $"slip|{deal.Id}|{deal.CloseDate:yyyy-MM-dd}", ct, attempts: 1, notify: false)
            is not WriteResult.Written claimed)
        {
            return await store.GetAsync(tenantId, deal.Id, mayUseCache: false, ct) ?? snapshot;
        }

        if (messengers.FirstOrDefault(m => m.Serves(tenantId)) is { } messenger)
        {
            Languages.Use(LanguageOf(owner, tenant));
            if (!await messenger.SendAsync(tenantId, deal.Owner.Id, replies.Slip(deal, tenant), ct))
            {
                logger.LogWarning("Close-date alert for {Deal} in {Tenant} could not be delivered.", deal.Id, tenantId);
            }

            if (deal.CloseDateSlips >= 2)
            {
                foreach (var manager in tenant.Managers.Where(m => m != deal.Owner.Id))
                {
                    Languages.Use(LanguageOf(await directory.ProfileOfAsync(tenantId, manager, ct), tenant));
                    await messenger.SendAsync(tenantId, manager, replies.SlipToManager(deal, tenant), ct);
                }
            }
        }

        return claimed.Snapshot;
    }

    private async Task RescheduleAsync(DueEntry entry, NudgeDecision decision, CancellationToken ct, DateTimeOffset? slipNext = null)
    {
        var stallNext = decision is NudgeDecision.NotYet { NextCheck: { } n } ? n : (DateTimeOffset?)null;
        if ((stallNext is null ? slipNext : slipNext is null ? stallNext : stallNext < slipNext ? stallNext : slipNext) is { } next)
        {
            await MoveAsync(entry, next, ct);
        }
        else
        {
            await index.RemoveAsync(entry, ct);
        }
    }

    private async Task MoveAsync(DueEntry entry, DateTimeOffset at, CancellationToken ct)
    {
        await index.ScheduleAsync(entry.Tenant, entry.DealId, at, ct);
        if (at.UtcTicks != entry.At.UtcTicks)
        {
            await index.RemoveAsync(entry, ct);
        }
    }

    private static string LanguageOf(PersonProfile? person, TenantSettings tenant) => Languages.Pick(person?.Language, person?.Locale, tenant.Locale);

}

/// <summary>Runs the scanner every <c>Reminders:ScanInterval</c> on the app's clock.</summary>
internal sealed class ReminderWorker(ReminderScanner scanner, IOptions<ReminderOptions> options, TimeProvider clock, ILogger<ReminderWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.Enabled || !options.Value.BackgroundScan
            ? Task.CompletedTask
            : Ticker.RunEveryAsync(options.Value.ScanInterval, clock, logger, "Stall scan", scanner.ScanAsync, stoppingToken);
}
