using System.IO.Compression;
using System.Text.Json.Nodes;
using NJsonSchema;
using SalesBot.Teams;

using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Teams;

public class TeamsManifestTests
{
    [Fact]
    public async Task The_manifest_is_valid_against_the_official_v1_29_schema()
    {
        var schema = await JsonSchema.FromFileAsync(SharedFiles.Path("schemas/teams/MicrosoftTeams.schema.v1.29.json"));

        var errors = schema.Validate(await File.ReadAllTextAsync(Path.Combine(SharedFiles.Repository, "manifests/teams/manifest.json")));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_package_command_fills_in_the_ids_and_zips_manifest_and_icons_at_the_root()
    {
        var zipPath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".zip");
        var output = new StringWriter();

        var exit = TeamsPackage.Run(["teams-package", "--app-id", "11111111-2222-3333-4444-555555555555", "--bot-id", "6f3a1c2e-8a5b-4d7e-9c1f-2b3a4c5d6e7f",
            "--manifests", Path.Combine(SharedFiles.Repository, "manifests/teams"), "--out", zipPath], output);

        Assert.Equal(0, exit);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        var manifest = JsonNode.Parse(new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEnd())!;
        Assert.Equal("11111111-2222-3333-4444-555555555555", (string?)manifest["id"]);
        Assert.Equal("6f3a1c2e-8a5b-4d7e-9c1f-2b3a4c5d6e7f", (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("6f3a1c2e-8a5b-4d7e-9c1f-2b3a4c5d6e7f", (string?)manifest["composeExtensions"]![0]!["botId"]);
        Assert.Equal(["findDeal", "logToDeal", "newDeal"], manifest["composeExtensions"]![0]!["commands"]!.AsArray().Select(c => (string)c!["id"]!));
        var schema = await JsonSchema.FromFileAsync(SharedFiles.Path("schemas/teams/MicrosoftTeams.schema.v1.29.json"));
        Assert.Empty(schema.Validate(manifest.ToJsonString()));
        Assert.Equal((192, 192), PngSize(zip.GetEntry("color.png")!));
        Assert.Equal((32, 32), PngSize(zip.GetEntry("outline.png")!));
        File.Delete(zipPath);
    }

    [Fact]
    public void The_package_command_explains_itself_without_valid_ids() =>
        Assert.Equal(2, TeamsPackage.Run(["teams-package", "--app-id", "not-a-guid"], new StringWriter()));

    private static (int Width, int Height) PngSize(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}
