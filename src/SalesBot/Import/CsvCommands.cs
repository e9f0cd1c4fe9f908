using SalesBot.Deals;

namespace SalesBot.Import;

/// <summary>
/// <c>SalesBot import &lt;file.csv&gt; --tenant &lt;team&gt; [--map pipedrive|hubspot|salesbot|&lt;mapping.json&gt;] [--owners &lt;owners.csv&gt;] [--skip-bad-rows]</c> and
/// <c>SalesBot export --tenant &lt;team&gt; &lt;file.csv&gt;</c>, run with the app's configuration (storage, teams).
/// </summary>
internal static class CsvCommands
{
    public static IServiceCollection AddImport(this IServiceCollection services) => services.AddSingleton<DealImporter>().AddSingleton<OwnerMatcher>();

    public static bool Handles(string[] args) => args is ["import", ..] or ["export", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var positional = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--skip-bad-rows")
            {
                continue;
            }

            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            positional.Add(args[i]);
        }

        var tenant = Arg("--tenant");
        var file = positional.FirstOrDefault();
        if (tenant is null || file is null)
        {
            await output.WriteLineAsync("Usage: SalesBot import <file.csv> --tenant <team> [--map pipedrive|hubspot|salesbot|<mapping.json>] [--owners <owners.csv>] [--skip-bad-rows]");
            await output.WriteLineAsync("       SalesBot export --tenant <team> <file.csv>");
            return 2;
        }

        var importer = services.GetRequiredService<DealImporter>();
        if (args[0] == "export")
        {
            await using var writer = new StreamWriter(file);
            var count = await importer.ExportAsync(tenant, writer, CancellationToken.None);
            await output.WriteLineAsync($"Exported {count} deals of {tenant} to {file}.");
            return 0;
        }

        CsvMapping? mapping = null;
        if (Arg("--map") is { } map)
        {
            mapping = CsvMapping.Named(map) ?? CsvMapping.FromJson(await File.ReadAllTextAsync(map));
        }

        var owners = Arg("--owners") is { } ownersFile ? OwnersFile.Read(await File.ReadAllTextAsync(ownersFile)) : null;
        using var reader = new StreamReader(file);
        ImportResult result;
        try
        {
            result = await importer.ImportAsync(tenant, reader, mapping, args.Contains("--skip-bad-rows"), output, CancellationToken.None, owners);
        }
        catch (StorageUnavailableException)
        {
            await output.WriteLineAsync("Storage stopped answering, so the import stopped. Run the same command again when it is back: it goes on where it stopped and adds nothing twice.");
            return 1;
        }

        foreach (var error in result.Errors)
        {
            await output.WriteLineAsync("  " + error);
        }

        if (!result.Applied)
        {
            await output.WriteLineAsync($"Nothing imported: {result.Errors.Count} problems in {file}. Fix them, or pass --skip-bad-rows to import the good rows.");
            return 1;
        }

        await output.WriteLineAsync($"Imported {result.Imported} deals into {tenant}; {result.AlreadyThere} were already there; {result.Errors.Count} rows skipped.");
        return result.Errors.Count == 0 ? 0 : 1;
    }
}
