using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesBot.Tests.Infrastructure;

/// <summary>SalesBot configured for Slack against a fake Slack on loopback; every request signed as Slack signs it.</summary>
public sealed class SlackHarness : IAsyncDisposable
{
    private SlackHarness(FakeSlack slack, SalesBotApp app)
    {
        (Slack, App) = (slack, app);
        Http = app.CreateClient();
    }

    public FakeSlack Slack { get; }

    public SalesBotApp App { get; }

    public HttpClient Http { get; }

    /// <param name="settings">Settings on top of the Slack ones (managers, visibility…).</param>
    public static async Task<SlackHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var slack = await FakeSlack.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackRequests.Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slack.ApiUrl.ToString(),
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new SlackHarness(slack, await SalesBotApp.StartAsync(all));
    }

    /// <summary>A signed form post (slash commands, interactions).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, string body) =>
        Http.SendAsync(SlackRequests.Signed(path, body, "application/x-www-form-urlencoded", App.Clock.GetUtcNow()));

    /// <summary>An interaction payload, as Slack posts it in the <c>payload</c> form field.</summary>
    public Task<HttpResponseMessage> InteractAsync(object payload) =>
        PostFormAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(payload)));

    /// <summary>A slash command by <paramref name="user"/>: the text of the answer, or "" when Slack got an empty 200 (a form opened).</summary>
    public async Task<string> CommandAsync(string text, string user = "UANN")
    {
        using var response = await PostFormAsync("/api/slack/commands", SlackRequests.CommandForm(text, user));
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? string.Empty : JsonDocument.Parse(body).RootElement.GetProperty("text").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

/// <summary>SalesBot configured for Teams against a fake Bot Framework (token, keys, Connector) on loopback.</summary>
public sealed class TeamsHarness : IAsyncDisposable
{
    private TeamsHarness(FakeBotFramework bf, SalesBotApp app)
    {
        (BotFramework, App) = (bf, app);
        Http = app.CreateClient();
    }

    public FakeBotFramework BotFramework { get; }

    public SalesBotApp App { get; }

    public HttpClient Http { get; }

    public static async Task<TeamsHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var bf = await FakeBotFramework.StartAsync();
        var all = bf.Settings();
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new TeamsHarness(bf, await SalesBotApp.StartAsync(all));
    }

    /// <summary>The activity, posted to /api/messages with a valid Bot Framework token.</summary>
    public Task<HttpResponseMessage> PostAsync(JsonNode activity) =>
        Http.SendAsync(FakeBotFramework.Post(activity, "Bearer " + BotFramework.Token(App.Clock.GetUtcNow())));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await BotFramework.DisposeAsync();
    }
}
