using System.Collections.Concurrent;
using SalesBot.Deals;
using SalesBot.Home;

namespace SalesBot.Slack;

/// <summary>
/// App Home: published when a person opens it, and again (debounced: one publish per person per
/// <see cref="Debounce"/>) when one of their deals changes, for the people who have opened it since this instance
/// started (and the team's managers among them). views.publish is Tier 4 (100+ a minute per workspace), far above this.
/// Spec: https://api.slack.com/surfaces/app-home
/// </summary>
internal sealed class SlackHome(PersonalHome home, SlackWebApi api, SlackInstallations installs, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<SlackHome> logger)
{
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(string Tenant, string User), bool> _opened = new();
    private readonly ConcurrentDictionary<(string Tenant, string User), Task> _pending = new();

    public async Task PublishAsync(string tenant, string userId, CancellationToken ct)
    {
        _opened[(tenant, userId)] = true;
        if (await installs.FindAsync(tenant, ct) is not { } install)
        {
            return;
        }

        try
        {
            await api.PublishViewAsync(install.BotToken, userId, SlackViews.Home(await home.ForAsync(tenant, userId, ct)), ct);
        }
        catch (SlackApiException e) when (e.Error is "not_enabled" or "invalid_arguments" or "hash_conflict")
        {
            logger.LogWarning("App Home not published in {Tenant}: {Error}.", tenant, e.Error);
        }
    }

    /// <summary>Publishes the person's home again within <see cref="Debounce"/>, if they opened it; several changes meanwhile make one publish.</summary>
    public void Refresh(string tenant, string userId)
    {
        var key = (tenant, userId);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_opened.ContainsKey(key) || !_pending.TryAdd(key, done.Task))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(Debounce, clock, lifetime.ApplicationStopping);
                await PublishAsync(tenant, userId, lifetime.ApplicationStopping);
            }
            catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogWarning("App Home refresh in {Tenant} failed: {Reason}", tenant, e.Message);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _pending.TryRemove(key, out _);
                done.TrySetResult();
            }
        });
    }

    /// <summary>Completes when no refresh is waiting or running.</summary>
    public async Task WhenIdleAsync()
    {
        while (!_pending.IsEmpty)
        {
            await Task.WhenAll(_pending.Values);
        }
    }

    /// <summary>A deal change refreshes the home of its owner (before and after) and of the team's managers who have it open.</summary>
    public void AfterChange(string tenant, Deal? before, Deal after, IEnumerable<string> managers)
    {
        foreach (var user in new[] { after.Owner.Id, before?.Owner.Id }.OfType<string>().Concat(managers).Distinct(StringComparer.Ordinal))
        {
            Refresh(tenant, user);
        }
    }
}

/// <summary>Every stored deal change in a Slack team refreshes the App Home of the people it concerns.</summary>
internal sealed class SlackHomeListener(SlackHome home, Tenants.TenantSettingsProvider tenants) : IDealChangeListener
{
    public async Task AfterChangeAsync(string tenant, Deal? before, DealChange change, CancellationToken ct)
    {
        if (tenant.StartsWith(SlackBot.TenantPrefix, StringComparison.Ordinal))
        {
            home.AfterChange(tenant, before, change.After, (await tenants.GetAsync(tenant, ct)).Managers);
        }
    }
}
