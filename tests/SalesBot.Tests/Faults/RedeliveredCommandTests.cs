using System.Text.Json;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>A slash command delivered again (same trigger): recognised from the deal it changed, before any write is tried.</summary>
public sealed class RedeliveredCommandTests
{
    private static readonly Dictionary<string, string?> Slack = new()
    {
        ["Slack:SigningSecret"] = SlackRequests.Secret,
    };

    [Fact]
    public async Task A_redelivered_log_is_answered_without_a_write_on_this_instance_and_on_another_and_is_stored_once()
    {
        var requests = new StorageRequests();
        await using var first = await SalesBotApp.StartAsync(Slack, services: s => s.AddSingleton<HttpPipelinePolicy>(requests));
        using var http = first.CreateClient();
        async Task<string> SayAsync(HttpClient client, SalesBotApp app, string form)
        {
            using var response = await client.SendAsync(SlackRequests.Signed("/api/slack/commands", form, "application/x-www-form-urlencoded", app.Clock.GetUtcNow()));
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString()!;
        }

        Assert.StartsWith("Created Acme", await SayAsync(http, first, SlackRequests.CommandForm("new Acme 50k")));
        var log = SlackRequests.CommandForm("log Acme call \"pricing ok\"");
        Assert.StartsWith("Logged a call on Acme", await SayAsync(http, first, log));

        requests.Clear();
        Assert.StartsWith("Already done: Acme", await SayAsync(http, first, log));
        Assert.Empty(requests.Seen);

        var otherRequests = new StorageRequests();
        await using var other = await SalesBotApp.StartAsync(Slack, services: s => s.AddSingleton<HttpPipelinePolicy>(otherRequests), tablePrefix: first.TablePrefix);
        using var otherHttp = other.CreateClient();
        Assert.StartsWith("Already done: Acme", await SayAsync(otherHttp, other, log));
        Assert.DoesNotContain(otherRequests.Seen, r => r.EndsWith("$batch", StringComparison.Ordinal));

        var deal = Assert.Single(await first.Service<IDealStore>().ListAsync("slack-T1", new DealQuery(OpenOnly: true), CancellationToken.None));
        var history = await first.Service<IDealStore>().HistoryAsync("slack-T1", deal.Id, 50, CancellationToken.None);
        Assert.Single(history, e => e.Kind == DealEventKind.Interaction);
    }
}
