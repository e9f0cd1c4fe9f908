using System.Text.Json.Nodes;
using Json.Schema;
using SalesBot.Slack;

using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Slack;

public class SlackManifestTests
{
    [Theory]
    [InlineData("manifest.json")]
    [InlineData("manifest.socket-mode.json")]
    public void The_manifest_is_valid_against_the_official_schema(string file)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(SharedFiles.Path("schemas/slack/manifest.schema.1.0.0.json")), new BuildOptions { Dialect = Dialect.Draft07 });
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedFiles.Repository, "manifests/slack", file))).RootElement;

        var result = schema.Evaluate(manifest, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
    }

    [Fact]
    public void The_manifest_asks_for_exactly_the_scopes_the_install_flow_requests_and_routes_to_our_endpoints()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFiles.Repository, "manifests/slack/manifest.json")))!;

        var scopes = manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).Order();
        Assert.Equal(SlackOAuth.BotScopes.Split(',').Order(), scopes);
        Assert.EndsWith("/api/slack/events", manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>());
        Assert.EndsWith("/api/slack/interactions", manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>());
        Assert.All(manifest["features"]!["slash_commands"]!.AsArray(), c => Assert.EndsWith("/api/slack/commands", c!["url"]!.GetValue<string>()));
        Assert.Equal(["/deal", "/pipeline"], manifest["features"]!["slash_commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()));
        Assert.True(manifest["features"]!["app_home"]!["home_tab_enabled"]!.GetValue<bool>());
        Assert.Contains("app_home_opened", manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal([(SlackSurfaces.LogToDealShortcut, "message"), (SlackSurfaces.NewDealShortcut, "global")],
            manifest["features"]!["shortcuts"]!.AsArray().Select(s => (s!["callback_id"]!.GetValue<string>(), s["type"]!.GetValue<string>())));
        Assert.EndsWith("/api/slack/interactions", manifest["settings"]!["interactivity"]!["message_menu_options_url"]!.GetValue<string>());
    }
}
