using System.Text.Json;
using SalesBot.Feed;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Feed;

/// <summary>The deals feed on Slack: channel links, joining or asking to be invited, and a post nobody's click can replace.</summary>
public sealed class SlackFeedTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    private FakeSlack Fake => _h.Slack;

    private SalesBotApp App => _h.App;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync(new()
    {
        ["Tenants:Defaults:Managers:0"] = "UMARIA",
        ["Tenants:Defaults:PipelineVisibility"] = "Team",
    });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<string> CommandAsync(string text, string user = "UANN") => _h.CommandAsync(text, user);

    [Fact]
    public async Task A_manager_links_a_public_channel_the_bot_joins_it_and_a_won_deal_is_posted_there_once()
    {
        Fake.ChannelsWithoutBot["CWINS"] = true;
        Assert.Contains("The deals feed in #sales-wins posts won deals", await CommandAsync("config feed <#CWINS|sales-wins> won", "UMARIA"));
        Assert.Contains(Fake.Delivered("conversations.join"), c => c.Json.GetProperty("channel").GetString() == "CWINS");

        var created = await CommandAsync("new \"Acme <!channel>\" 50k");
        var id = System.Text.RegularExpressions.Regex.Match(created, @"D-[A-Z0-9]+").Value;
        await CommandAsync($"won {id}");
        await App.Service<FeedDelivery>().WhenIdleAsync();

        var post = Assert.Single(Fake.Delivered("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "CWINS").Json;
        Assert.Contains("Won: Acme <!channel>", post.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        Assert.DoesNotContain("<!channel>", post.GetProperty("text").GetString());
        var button = post.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
        Assert.Equal($"deal show {id}", button.GetProperty("value").GetString());

        // Bob opens it from the channel: he gets the deal for himself, and the post stays as it is for everyone.
        var payload = JsonSerializer.Serialize(new
        {
            type = "block_actions",
            user = new { id = "UBOB", username = "bob", name = "bob", team_id = "T1" },
            team = new { id = "T1", domain = "acme" },
            trigger_id = "1.2.3",
            response_url = Fake.ResponseUrl("feed-click"),
            container = new { type = "message", message_ts = "1764230400.000100", channel_id = "CWINS", is_ephemeral = false },
            actions = new[] { new { type = "button", action_id = button.GetProperty("action_id").GetString(), block_id = "b1", value = $"deal show {id}", action_ts = "1764230401.1" } },
        });
        using var click = await _h.PostFormAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(payload));
        var answer = (await Fake.NextAsync("response")).Json;
        Assert.False(answer.TryGetProperty("replace_original", out var replace) && replace.GetBoolean());
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Contains("Acme", answer.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_private_channel_the_bot_is_not_in_gets_an_invite_hint_and_no_feed()
    {
        Fake.PrivateChannelsWithoutBot["GBOARD"] = true;
        Assert.Contains("I'm not in #board yet. Invite me there first (in Slack: /invite @SalesBot", await CommandAsync("config feed <#GBOARD|board> won", "UMARIA"));
        Assert.Contains("No deals feed yet", await CommandAsync("config feed", "UMARIA"));
    }

    [Fact]
    public async Task A_channel_the_bot_was_removed_from_is_joined_again_once_before_the_post()
    {
        Assert.Contains("#sales", await CommandAsync("config feed here won", "UMARIA"));
        Fake.ChannelsWithoutBot["C1"] = true;
        var id = System.Text.RegularExpressions.Regex.Match(await CommandAsync("new Rejoin 5k"), @"D-[A-Z0-9]+").Value;
        await CommandAsync($"won {id}");
        await App.Service<FeedDelivery>().WhenIdleAsync();
        Assert.Equal(2, Fake.Delivered("chat.postMessage").Count(c => c.Json.GetProperty("channel").GetString() == "C1"));
        Assert.Single(Fake.Delivered("conversations.join"));
    }
}
