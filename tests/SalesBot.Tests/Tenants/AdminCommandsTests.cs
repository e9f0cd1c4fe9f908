using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Tenants;

/// <summary>The IT admin's way in: a manager granted from the command line.</summary>
public class AdminCommandsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_administrator_grants_a_manager_from_the_command_line_and_the_grant_is_recorded()
    {
        var tenant = AppFixture.NewTenant();
        var output = new StringWriter();

        var exit = await AdminCommands.RunAsync(fixture.App.Services, ["admin", "grant-manager", "--tenant", tenant, "--user", "u-ida", "--name", "Ida Holm"], output);

        Assert.Equal(0, exit);
        Assert.Contains("Ida Holm (u-ida) is now a manager of " + tenant, output.ToString());
        Assert.Contains("u-ida", (await fixture.App.Service<TenantSettingsProvider>().GetAsync(tenant)).Managers);
        var history = await fixture.App.Service<ITeamSettingsStore>().HistoryAsync(tenant, 5, CancellationToken.None);
        Assert.Contains(history, h => h.Description.Contains("from the command line", StringComparison.Ordinal));
        Assert.Equal(2, await AdminCommands.RunAsync(fixture.App.Services, ["admin", "grant-manager", "--tenant", tenant], TextWriter.Null));
    }
}
