using System.Text;
using System.Text.Json.Nodes;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>Slack's Web API and the Bot Connector fail 30 % of calls (429 or 500): every reply still arrives exactly once.</summary>
public sealed class ChannelFaultTests : IAsyncLifetime
{
    private BothChannels _channels = null!;
    private FakeSlack _slack = null!;
    private FakeBotFramework _bf = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _channels = await BothChannels.StartAsync();
        (_slack, _bf, _app) = (_channels.Slack, _channels.BotFramework, _channels.App);
    }

    public async Task DisposeAsync()
    {
        await _channels.DisposeAsync();
    }

    [Fact]
    public async Task Twenty_replies_through_flaky_channels_each_arrive_once()
    {
        _slack.FailRandomly(0.3, seed: 1);
        _bf.FailRandomly(0.3, seed: 2);
        using var http = _app.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = $"deal new \"Slack Deal {i}\" 1k", ts = $"7.{i}" };
            await http.SendAsync(SlackRequests.Signed("/api/slack/events", SlackRequests.Event($"Ev-F{i}", dm), "application/json", _app.Clock.GetUtcNow()));

            var activity = JsonNode.Parse(File.ReadAllText(SharedFiles.Path("fixtures/teams/01-personal-message.json")))!["body"]!.AsObject();
            activity["serviceUrl"] = _bf.ServiceUrl;
            activity["text"] = $"deal new \"Teams Deal {i}\" 1k";
            activity["id"] = $"flaky-{i}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _bf.Token(_app.Clock.GetUtcNow()));
            await http.SendAsync(request);
        }

        // Retry delays run on the app's clock: move it on until every reply is through (bounded).
        int SlackDelivered() => _slack.Delivered("chat.postMessage").Count;
        int FailedSlackPosts() => _slack.Failed("chat.postMessage");
        int TeamsDelivered() => _bf.AllCalls.Count(c => !c.Method.Contains(' ', StringComparison.Ordinal));
        for (var step = 0; step < 600 && (SlackDelivered() < 10 || TeamsDelivered() < 10); step++)
        {
            _app.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20);
        }

        Assert.Equal(10, SlackDelivered());
        Assert.Equal(10, TeamsDelivered());
        var slackTexts = _slack.Delivered("chat.postMessage").Select(c => c.Body).ToArray();
        Assert.Equal(10, slackTexts.Length);
        for (var i = 0; i < 10; i++)
        {
            Assert.Single(slackTexts, b => b.Contains($"Slack Deal {i} ", StringComparison.Ordinal));
            Assert.Single(_bf.AllCalls, c => !c.Method.Contains(' ', StringComparison.Ordinal) && c.Body.Contains($"Teams Deal {i} ", StringComparison.Ordinal));
        }

        Assert.True(FailedSlackPosts() + _bf.AllCalls.Count(c => c.Method.Contains(' ', StringComparison.Ordinal)) > 0, "the fakes should have failed some calls");
    }
}
