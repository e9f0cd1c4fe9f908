using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>Everything the app logs, at every level, through a session on both channels: no secret or token in it.</summary>
public class SecretsInLogsTests
{
    [Fact]
    public async Task A_full_session_on_both_channels_logs_no_secret_and_no_token()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var bf = await FakeBotFramework.StartAsync();
        var settings = bf.Settings();
        settings["Slack:SigningSecret"] = SlackRequests.Secret;
        settings["Slack:BotToken"] = "xoxb-secret-bot-token";
        settings["Slack:ApiBaseUrl"] = slack.ApiUrl.ToString();
        settings["Logging:LogLevel:Default"] = "Trace";
        var logs = new CapturingLogs();
        await using var app = await SalesBotApp.StartAsync(settings, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var http = app.CreateClient();
        var now = app.Clock.GetUtcNow();

        // Slack: a command, a DM that is answered through chat.postMessage with the bot token, and a forged request.
        await http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm("new Secretive Co 10k"), "application/x-www-form-urlencoded", now));
        var dm = new { type = "message", channel_type = "im", channel = "D1", user = "UANN", text = "deal list", ts = "1.1" };
        await http.SendAsync(SlackRequests.Signed("/api/slack/events", SlackRequests.Event("Ev-log-1", dm), "application/json", now));
        await slack.NextAsync("chat.postMessage");
        await http.SendAsync(SlackRequests.Signed("/api/slack/commands", SlackRequests.CommandForm("new Forged 1k"), "application/x-www-form-urlencoded", now, secret: "wrong-secret"));

        // Teams: a message answered with the outbound token, and one with a bad token.
        var inbound = bf.Token(now);
        using (var request = FakeBotFramework.Post(bf.PersonalMessage("deal help", "log-1"), "Bearer " + inbound))
        {
            await http.SendAsync(request);
        }

        await bf.NextAsync();
        using (var request = FakeBotFramework.Post(bf.PersonalMessage("deal help", "log-2"), "Bearer " + inbound[..^4] + "AAAA"))
        {
            await http.SendAsync(request);
        }

        // Trace level reaches the outbound HTTP clients' request logs (with their headers' names) and the rejections.
        var text = logs.Text;
        Assert.Contains("System.Net.Http.HttpClient", text, StringComparison.Ordinal);
        Assert.Contains("Rejected a Teams activity", text, StringComparison.Ordinal);
        foreach (var secret in new[] { SlackRequests.Secret, "xoxb-secret-bot-token", "app-password", inbound, inbound[..^4], FakeBotFramework.OutboundToken })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private sealed class CapturingLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join("\n", _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
