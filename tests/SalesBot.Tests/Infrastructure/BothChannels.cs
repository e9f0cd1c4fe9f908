namespace SalesBot.Tests.Infrastructure;

/// <summary>An app wired to a fake Slack and a fake Bot Framework at once, for tests that cover both channels.</summary>
public sealed class BothChannels : IAsyncDisposable
{
    private BothChannels(FakeSlack slack, FakeBotFramework botFramework, SalesBotApp app) => (Slack, BotFramework, App) = (slack, botFramework, app);

    public FakeSlack Slack { get; }

    public FakeBotFramework BotFramework { get; }

    public SalesBotApp App { get; }

    public static async Task<BothChannels> StartAsync()
    {
        var slack = await FakeSlack.StartAsync();
        var botFramework = await FakeBotFramework.StartAsync();
        var settings = botFramework.Settings();
        settings["Slack:SigningSecret"] = SlackRequests.Secret;
        settings["Slack:BotToken"] = "xoxb-test";
        settings["Slack:ApiBaseUrl"] = slack.ApiUrl.ToString();
        return new BothChannels(slack, botFramework, await SalesBotApp.StartAsync(settings));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await BotFramework.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
