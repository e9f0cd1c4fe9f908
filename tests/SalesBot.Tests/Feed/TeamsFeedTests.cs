using System.Text.Json.Nodes;
using SalesBot.Feed;
using SalesBot.Messaging;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Feed;

/// <summary>The deals feed on Teams: set in the channel itself, posted as a new thread there through the Connector.</summary>
public sealed class TeamsFeedTests : IAsyncLifetime
{
    private const string Dave = "6b703ce3-6d14-4fe6-b90c-dc5f03657ae4";
    private const string Channel = "19:097e6717fd7245bdbeba6baa13840db8@thread.skype";
    private TeamsHarness _h = null!;
    private int _ids;

    private FakeBotFramework Fake => _h.BotFramework;

    private SalesBotApp App => _h.App;

    public async Task InitializeAsync() => _h = await TeamsHarness.StartAsync(new()
    {
        ["Tenants:Defaults:Managers:0"] = Dave,
        ["Tenants:Defaults:PipelineVisibility"] = "Team",
    });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>Dave, in the team's channel, mentioning the bot; returns the text of the bot's reply.</summary>
    private async Task<string> InChannelAsync(string text)
    {
        var activity = Fake.Fixture("02-channel-message-mention.json");
        activity["text"] = "<at>My Combined</at> " + text;
        activity["id"] = $"17000000{Interlocked.Increment(ref _ids)}";
        using var response = await _h.PostAsync(activity);
        response.EnsureSuccessStatusCode();
        var reply = await Fake.NextAsync();
        return reply.Json.GetProperty("attachments")[0].GetProperty("content").ToString();
    }

    [Fact]
    public async Task Typed_in_a_channel_the_feed_posts_a_won_deal_as_a_new_thread_of_that_channel_once()
    {
        Assert.Contains("The deals feed in this channel posts won deals", await InChannelAsync("config feed here won"));
        var created = await InChannelAsync("deal new Contoso 10k");
        var id = System.Text.RegularExpressions.Regex.Match(created, @"D-[A-Z0-9]{4,6}").Value;
        await InChannelAsync($"deal won {id}");
        await App.Service<FeedDelivery>().WhenIdleAsync();
        await App.Service<InboundPipeline>().WhenIdleAsync();

        var thread = Assert.Single(Fake.AllCalls, c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)).Json;
        Assert.True(thread.GetProperty("isGroup").GetBoolean());
        Assert.Equal(Channel, thread.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", thread.GetProperty("tenantId").GetString());
        var card = thread.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content");
        Assert.Contains("Won: Contoso", card.ToString());
        var data = JsonNode.Parse(card.GetProperty("actions")[0].GetProperty("data").GetRawText())!;
        Assert.Equal($"deal show {id}", (string?)data["command"]);
        Assert.True((bool?)data["keep"]);
    }

    [Fact]
    public async Task A_channel_the_bot_was_removed_from_is_not_tried_again()
    {
        var id = System.Text.RegularExpressions.Regex.Match(await InChannelAsync("deal new Removed 10k"), @"D-[A-Z0-9]{4,6}").Value;
        await InChannelAsync($"deal won {id}");
        await InChannelAsync("config feed here won");

        // The won post, queued as the feed would queue it; the Connector then says the bot is no longer in the team.
        await App.Service<FeedOutbox>().AddAsync("teams-72f988bf-86f1-41af-91ab-2d7cd011db47", id, 2, Channel, FeedEventKind.Won, App.Clock.GetUtcNow(), CancellationToken.None);
        Fake.Fail(403);
        await App.Service<FeedDelivery>().SweepAsync(CancellationToken.None);
        App.Clock.Advance(FeedDelivery.ClaimWindow * 2);
        await App.Service<FeedDelivery>().SweepAsync(CancellationToken.None);
        Assert.Single(Fake.AllCalls, c => c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_feed_in_a_personal_chat_is_refused()
    {
        var activity = Fake.PersonalMessage("config feed here won", "1800001");
        activity["from"]!["aadObjectId"] = Dave;
        using var response = await _h.PostAsync(activity);
        var reply = await Fake.NextAsync();
        Assert.Contains("A deals feed goes to a team channel", reply.Json.GetProperty("attachments")[0].GetProperty("content").ToString());
    }
}
