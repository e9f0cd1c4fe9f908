using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>One <c>SalesBot admin &lt;name&gt; …</c> command, run by an IT administrator with the app's configuration.</summary>
internal interface IAdminCommand
{
    string Name { get; }

    /// <summary>The arguments after the name, as the usage line shows them.</summary>
    string Usage { get; }

    /// <summary>Runs with the whole argument list; returns the process exit code (2 for a usage error).</summary>
    Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct);
}

/// <summary><c>SalesBot admin &lt;command&gt; …</c>: finds the registered <see cref="IAdminCommand"/> and runs it.</summary>
internal static class AdminCommands
{
    public static bool Handles(string[] args) => args is ["admin", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var commands = services.GetServices<IAdminCommand>().OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        if (args is ["admin", var name, ..] && commands.FirstOrDefault(c => c.Name == name) is { } command)
        {
            return await command.RunAsync(args, output, CancellationToken.None);
        }

        await output.WriteLineAsync("Usage:");
        foreach (var c in commands)
        {
            await output.WriteLineAsync($"  SalesBot admin {c.Name} {c.Usage}".TrimEnd());
        }

        return 2;
    }

    /// <summary>The team and person a command is about (<c>--tenant</c>, <c>--user</c>); false when either is missing.</summary>
    public static bool TryTeamAndUser(string[] args, out string tenant, out string user)
    {
        (tenant, user) = (Arg(args, "--tenant") ?? string.Empty, Arg(args, "--user") ?? string.Empty);
        return tenant.Length > 0 && user.Length > 0;
    }

    /// <summary>The usage line of a command, for a call it cannot take (exit code 2).</summary>
    public static async Task<int> UsageAsync(IAdminCommand command, TextWriter output)
    {
        await output.WriteLineAsync($"Usage: SalesBot admin {command.Name} {command.Usage}");
        return 2;
    }

    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, if any.</summary>
    public static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

/// <summary>
/// <c>admin grant-manager --tenant &lt;team&gt; --user &lt;user id&gt; [--name &lt;display name&gt;]</c>: makes someone a
/// manager. The way in for a team whose channel names no manager (Teams installed by an admin on everyone's behalf,
/// Slack with a single bot token).
/// </summary>
internal sealed class GrantManagerCommand(IUserDirectory directory, FirstManager firstManager) : IAdminCommand
{
    public string Name => "grant-manager";

    public string Usage => "--tenant <team> --user <user id> [--name <display name>]";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (!AdminCommands.TryTeamAndUser(args, out var tenant, out var user))
        {
            return await AdminCommands.UsageAsync(this, output);
        }

        var known = await directory.GetAsync(tenant, user, ct);
        var person = new UserRef(user, AdminCommands.Arg(args, "--name") ?? known?.Name ?? user);
        await firstManager.GrantAsync(tenant, person, ct);
        await output.WriteLineAsync($"{person.Name} ({person.Id}) is now a manager of {tenant}.");
        return 0;
    }
}
