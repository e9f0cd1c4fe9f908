using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>
/// <c>SalesBot admin grant-manager --tenant &lt;team&gt; --user &lt;user id&gt; [--name &lt;display name&gt;]</c>: an IT
/// administrator makes someone a manager, run with the app's configuration. The way in for a team whose channel names
/// no manager (Teams installed by an admin on everyone's behalf, Slack with a single bot token).
/// </summary>
public static class AdminCommands
{
    public static bool Handles(string[] args) => args is ["admin", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (args is not ["admin", "grant-manager", ..] || Arg("--tenant") is not { Length: > 0 } tenant || Arg("--user") is not { Length: > 0 } user)
        {
            await output.WriteLineAsync("Usage: SalesBot admin grant-manager --tenant <team> --user <user id> [--name <display name>]");
            return 2;
        }

        var known = await services.GetRequiredService<IUserDirectory>().GetAsync(tenant, user, CancellationToken.None);
        var person = new UserRef(user, Arg("--name") ?? known?.Name ?? user);
        await services.GetRequiredService<FirstManager>().GrantAsync(tenant, person, CancellationToken.None);
        await output.WriteLineAsync($"{person.Name} ({person.Id}) is now a manager of {tenant}.");
        return 0;
    }
}
