using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Tenants;

/// <summary>A team whose stored settings cannot be read looks manager-less; nobody may become its first manager then.</summary>
public sealed class FirstManagerTests
{
    [Fact]
    public async Task While_the_stored_settings_cannot_be_read_nobody_becomes_the_first_manager()
    {
        var tenant = AppFixture.NewTenant();
        SettingsReadFails? failing = null;
        await using var app = await SalesBotApp.StartAsync(
            new() { ["Tenants:Defaults:Managers:0"] = null },
            services: s =>
            {
                var real = s.Single(d => d.ServiceType == typeof(ITeamSettingsStore));
                s.Remove(real);
                s.AddSingleton<ITeamSettingsStore>(sp => failing = new SettingsReadFails((ITeamSettingsStore)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
            });
        var store = app.Service<ITeamSettingsStore>();
        await store.SetAsync(tenant, new TeamSetting("manager", "u-maria", "Maria"), new SettingsChange(app.Clock.GetUtcNow(), new UserRef("u-admin", "Admin"), "configured"), CancellationToken.None);
        failing!.Down = true;
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var reply = await app.SayAsync("config managers add @ann", "u-ann", "Ann", tenant);
        await app.Service<FirstManager>().NameIfNoneAsync(tenant, new UserRef("u-bob", "Bob"), "installed SalesBot", CancellationToken.None);

        Assert.True(reply.IsError);
        Assert.StartsWith("Storage is unavailable right now, so nothing was changed.", reply.Text);
        failing.Down = false;
        var managers = (await store.ListAsync(tenant, CancellationToken.None)).Where(s => s.Kind == "manager").Select(s => s.Key);
        Assert.Equal(["u-maria"], managers);
    }

    /// <summary>The real store, except that reading a team's settings fails while <see cref="Down"/>.</summary>
    private sealed class SettingsReadFails(ITeamSettingsStore inner) : ITeamSettingsStore
    {
        public volatile bool Down;

        public Task<IReadOnlyList<TeamSetting>> ListAsync(string tenant, CancellationToken ct) =>
            Down ? throw new StorageUnavailableException("settings unreadable") : inner.ListAsync(tenant, ct);

        public Task SetAsync(string tenant, TeamSetting setting, SettingsChange change, CancellationToken ct) => inner.SetAsync(tenant, setting, change, ct);

        public Task RemoveAsync(string tenant, string kind, string key, SettingsChange change, CancellationToken ct) => inner.RemoveAsync(tenant, kind, key, change, ct);

        public Task<bool> TryNameFirstManagerAsync(string tenant, UserRef manager, SettingsChange change, CancellationToken ct) =>
            inner.TryNameFirstManagerAsync(tenant, manager, change, ct);

        public Task<IReadOnlyList<SettingsChange>> HistoryAsync(string tenant, int max, CancellationToken ct) => inner.HistoryAsync(tenant, max, ct);
    }
}
