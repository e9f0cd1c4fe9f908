using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>
/// Names a team's first manager from data a channel or an administrator vouches for: the person who installed SalesBot
/// (Slack OAuth's authed user, the Teams installationUpdate sender), or <c>SalesBot admin grant-manager</c>. Only when
/// the team has no manager, its stored settings were read, and nobody else won the conditional write first.
/// </summary>
internal sealed class FirstManager(ITeamSettingsStore store, TenantSettingsProvider tenants, TimeProvider clock, ILogger<FirstManager> logger)
{
    public async Task<bool> NameIfNoneAsync(string tenant, UserRef person, string how, CancellationToken ct)
    {
        tenants.Invalidate(tenant);
        var settings = await tenants.GetAsync(tenant, ct);
        if (!settings.StoredSettingsRead || settings.Managers.Count > 0)
        {
            return false;
        }

        var named = await store.TryNameFirstManagerAsync(tenant, person, new SettingsChange(clock.GetUtcNow(), person, $"{person.Name} is the first manager ({how})."), ct);
        tenants.Invalidate(tenant);
        if (named)
        {
            logger.LogInformation("First manager of {Tenant} named: {User} ({How}).", tenant, person.Id, how);
        }

        return named;
    }

    /// <summary>An administrator's grant from the command line: a manager whatever the team has.</summary>
    public async Task GrantAsync(string tenant, UserRef person, CancellationToken ct)
    {
        await store.SetAsync(tenant, new TeamSetting("manager", person.Id, person.Name), new SettingsChange(clock.GetUtcNow(), new UserRef("admin", "an administrator"), $"{person.Name} was made a manager from the command line."), ct);
        tenants.Invalidate(tenant);
    }
}
