using System.Text.Json;
using SalesBot.Tenants;

namespace SalesBot.Privacy;

/// <summary><c>admin export-user --tenant T --user U [--out file.json]</c>: everything SalesBot holds about a person, as JSON.</summary>
internal sealed class ExportUserCommand(PersonalData data) : IAdminCommand
{
    public string Name => "export-user";

    public string Usage => "--tenant <team> --user <user id> [--out <file.json>]";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (!AdminCommands.TryTeamAndUser(args, out var tenant, out var user))
        {
            return await AdminCommands.UsageAsync(this, output);
        }

        var json = (await data.ExportAsync(tenant, user, ct)).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        if (AdminCommands.Arg(args, "--out") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, json, ct);
            await output.WriteLineAsync($"Wrote what SalesBot holds about {user} in {tenant} to {Path.GetFullPath(file)}.");
        }
        else
        {
            await output.WriteLineAsync(json);
        }

        return 0;
    }
}

/// <summary>
/// <c>admin forget-user --tenant T --user U</c>: erases a person (profile and contact points deleted, id and name
/// replaced by a pseudonym everywhere else); deal figures are kept.
/// </summary>
internal sealed class ForgetUserCommand(PersonalData data) : IAdminCommand
{
    public string Name => "forget-user";

    public string Usage => "--tenant <team> --user <user id>";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (!AdminCommands.TryTeamAndUser(args, out var tenant, out var user))
        {
            return await AdminCommands.UsageAsync(this, output);
        }

        var (pseudonym, deleted, rewritten) = await data.ForgetAsync(tenant, user, ct);
        await output.WriteLineAsync(
            $"Forgot {user} in {tenant}: {deleted} rows about them deleted, {rewritten} rows now say \"{pseudonym}\" instead. Deal figures are unchanged.");
        return 0;
    }
}

/// <summary><c>admin delete-tenant --tenant T --confirm T</c>: deletes a whole team's data (uninstall, contract end).</summary>
internal sealed class DeleteTenantCommand(PersonalData data) : IAdminCommand
{
    public string Name => "delete-tenant";

    public string Usage => "--tenant <team> --confirm <the same team>";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (AdminCommands.Arg(args, "--tenant") is not { Length: > 0 } tenant || AdminCommands.Arg(args, "--confirm") != tenant)
        {
            await output.WriteLineAsync($"Usage: SalesBot admin {Name} {Usage}   (the team is named twice, so it is not deleted by a slip)");
            return 2;
        }

        var rows = await data.DeleteTeamAsync(tenant, ct);
        await output.WriteLineAsync($"Deleted {tenant}: {rows} rows in every table.");
        return 0;
    }
}

internal static class PrivacyExtensions
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<PersonalData>();
        services.AddTransient<IAdminCommand, ExportUserCommand>();
        services.AddTransient<IAdminCommand, ForgetUserCommand>();
        services.AddTransient<IAdminCommand, DeleteTenantCommand>();
        return services;
    }
}
