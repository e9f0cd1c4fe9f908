using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesBot.Teams;

/// <summary>
/// <c>SalesBot teams-package --app-id GUID --bot-id GUID [--version 1.0.0] [--manifests manifests/teams] [--out salesbot-teams.zip]</c>:
/// the Teams app package (manifest.json, color.png, outline.png at the root of the zip) with the ids filled in.
/// </summary>
internal static class TeamsPackage
{
    public const string Command = "teams-package";

    public static int Run(string[] args, TextWriter output)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var appId = Arg("--app-id");
        var botId = Arg("--bot-id") ?? appId;
        if (!Guid.TryParse(appId, out _) || !Guid.TryParse(botId, out _))
        {
            output.WriteLine("Usage: SalesBot teams-package --app-id <Teams app GUID> --bot-id <Microsoft App ID GUID> [--version 1.0.0] [--manifests manifests/teams] [--out salesbot-teams.zip]");
            return 2;
        }

        var folder = Arg("--manifests") ?? FindManifests();
        if (folder is null || !File.Exists(Path.Combine(folder, "manifest.json")))
        {
            output.WriteLine("Cannot find manifests/teams/manifest.json; pass --manifests <folder>.");
            return 2;
        }

        var target = Path.GetFullPath(Arg("--out") ?? Path.Combine(folder, "..", "..", "salesbot-teams.zip"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!.AsObject();
        manifest["id"] = appId;
        manifest["version"] = Arg("--version") ?? (string?)manifest["version"];
        manifest["bots"]![0]!["botId"] = botId;
        foreach (var extension in manifest["composeExtensions"]?.AsArray() ?? [])
        {
            extension!["botId"] = botId;
        }

        File.Delete(target);
        using (var zip = ZipFile.Open(target, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
            {
                writer.Write(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }

            foreach (var icon in new[] { "color.png", "outline.png" })
            {
                zip.CreateEntryFromFile(Path.Combine(folder, icon), icon);
            }
        }

        output.WriteLine($"Wrote {target}: upload it in Teams (Apps → Manage your apps → Upload an app).");
        return 0;
    }

    /// <summary>manifests/teams in the current folder or the nearest one above it (dotnet run starts in the project folder).</summary>
    private static string? FindManifests()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "manifests", "teams");
            if (File.Exists(Path.Combine(candidate, "manifest.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}
