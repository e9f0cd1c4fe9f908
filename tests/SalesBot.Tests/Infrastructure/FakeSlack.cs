using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesBot.Tests.Infrastructure;

/// <summary>One request SalesBot made to the fake Slack.</summary>
public sealed record SlackCall(string Method, string? Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A Slack Web API, response_url sink and Socket Mode server on loopback, answering as Slack does. Tests can queue
/// failures (429 with Retry-After, 500) per method and await the calls SalesBot makes.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, int? RetryAfter)>> _faults = new();
    private readonly Channel<SlackCall> _calls = Channel.CreateUnbounded<SlackCall>();
    private readonly Channel<(SlackCall Call, int Status)> _attempts = Channel.CreateUnbounded<(SlackCall, int)>();
    private readonly ConcurrentBag<SlackCall> _all = [];
    private readonly Channel<string> _acks = Channel.CreateUnbounded<string>();
    private WebSocket? _socket;
    private readonly Channel<WebSocket> _sockets = Channel.CreateUnbounded<WebSocket>();
    private int _socketsOpened;

    /// <summary>New Socket Mode connections accept and say hello, then never read: pings from SalesBot go unanswered.</summary>
    public bool SilentSockets { get; set; }

    /// <summary>How many Socket Mode connections SalesBot has opened.</summary>
    public int SocketsOpened => Volatile.Read(ref _socketsOpened);

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiUrl => new(BaseUrl, "api/");

    public IReadOnlyCollection<SlackCall> AllCalls => _all;

    private readonly ConcurrentDictionary<string, int> _failed = new();

    private readonly ConcurrentBag<SlackCall> _succeeded = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The calls of a method that the fake answered successfully.</summary>
    public IReadOnlyList<SlackCall> Delivered(string method) => _succeeded.Where(c => c.Method == method).ToArray();

    /// <summary>How many calls of a method the fake failed on purpose.</summary>
    public int Failed(string method) => _failed.GetValueOrDefault(method);

    /// <summary>How many calls were left unanswered by <see cref="FailRandomly"/>.</summary>
    public int TimedOutCalls => Volatile.Read(ref _timedOut);

    private int _timedOut;

    public Dictionary<string, string> DisplayNames { get; } = new() { ["UANN"] = "Ann", ["UBOB"] = "Bob" };

    public static async Task<FakeSlack> StartAsync()
    {
        var fake = new FakeSlack();
        (fake._app, fake.BaseUrl) = await Loopback.StartAsync(app =>
        {
            app.UseWebSockets();
            app.MapPost("/api/{method}", fake.ApiAsync);
            app.MapPost("/response/{id}", fake.ResponseAsync);
            app.MapPost("/upload/{id}", async (HttpContext http, string id) =>
            {
                using var bytes = new MemoryStream();
                await http.Request.Body.CopyToAsync(bytes);
                fake.Uploads[id] = bytes.ToArray();
                return Results.Text("OK - " + bytes.Length);
            });
            app.Map("/socket", fake.SocketAsync);
        });
        return fake;
    }

    public string ResponseUrl(string id) => new Uri(BaseUrl, "response/" + id).ToString();

    /// <summary>Status recorded for a call that was never answered (see <see cref="FailRandomly"/>).</summary>
    public const int TimedOut = 0;

    /// <summary>
    /// Every call fails with this probability, from a fixed seed; the failures take turns: no answer at all (the call is
    /// dropped before Slack acts on it and hangs until the caller gives up), 429 with Retry-After 1, 500.
    /// </summary>
    public void FailRandomly(double rate, int seed)
    {
        _randomFaults = (new Random(seed), rate);
    }

    private (Random Random, double Rate)? _randomFaults;
    private int _faultsDrawn;

    /// <summary>The next calls of <paramref name="method"/> answer with these statuses, in order.</summary>
    public void Fail(string method, params (int Status, int? RetryAfter)[] faults)
    {
        var queue = _faults.GetOrAdd(method, _ => new());
        foreach (var f in faults)
        {
            queue.Enqueue(f);
        }
    }

    /// <summary>Waits for the next successful call of <paramref name="method"/> (or to a response URL: "response").</summary>
    public async Task<SlackCall> NextAsync(string method, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await foreach (var call in _calls.Reader.ReadAllAsync(timeout.Token))
        {
            if (call.Method == method)
            {
                return call;
            }
        }

        throw new TimeoutException($"No {method} call.");
    }

    /// <summary>The status of the next attempt at any Web API method, or null if none comes within the time.</summary>
    public async Task<int?> NextAttemptAsync(string method, double seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await foreach (var (call, status) in _attempts.Reader.ReadAllAsync(timeout.Token))
            {
                if (call.Method == method)
                {
                    return status;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return null;
    }

    public async Task SendSocketAsync(object envelope) => await SendSocketBytesAsync(JsonSerializer.SerializeToUtf8Bytes(envelope));

    /// <summary>Sends one text frame of exactly these bytes over the newest connection.</summary>
    public async Task SendSocketBytesAsync(byte[] frame)
    {
        var socket = _socket ?? await NextSocketAsync();
        await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
    }

    /// <summary>Waits for SalesBot to open its next Socket Mode connection (the first, or a replacement).</summary>
    public async Task<WebSocket> NextSocketAsync(int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await _sockets.Reader.ReadAsync(timeout.Token);
    }

    public async Task<JsonElement> NextAckAsync(int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return JsonDocument.Parse(await _acks.Reader.ReadAsync(timeout.Token)).RootElement;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        _stopping.Dispose();
        await _app.DisposeAsync();
    }

    private async Task ApiAsync(HttpContext http, string method)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var call = new SlackCall(method, http.Request.Headers.Authorization.ToString(), body);
        _all.Add(call);
        var faulted = _faults.TryGetValue(method, out var queue) && queue.TryDequeue(out var next) ? next : ((int Status, int? RetryAfter)?)null;
        if (faulted is null && _randomFaults is { } random && method is "chat.postMessage" or "conversations.open")
        {
            lock (random.Random)
            {
                if (random.Random.NextDouble() < random.Rate)
                {
                    faulted = (_faultsDrawn++ % 3) switch { 0 => (TimedOut, (int?)null), 1 => (429, 1), _ => (500, null) };
                }
            }
        }
        await _attempts.Writer.WriteAsync((call, faulted?.Status ?? 200));
        if (faulted is { } fault)
        {
            _failed.AddOrUpdate(method, 1, (_, n) => n + 1);
            if (fault.Status == TimedOut)
            {
                Interlocked.Increment(ref _timedOut);
                await Hang.UntilAbortedAsync(http, _stopping.Token);
                return;
            }

            http.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await http.Response.WriteAsJsonAsync(new { ok = false, error = fault.Status == 429 ? "ratelimited" : "internal_error" });
            return;
        }

        _succeeded.Add(call);
        await _calls.Writer.WriteAsync(call);
        if (body.Contains("C-GONE", StringComparison.Ordinal))
        {
            await http.Response.WriteAsJsonAsync(new { ok = false, error = "channel_not_found" });
            return;
        }

        if (ChannelAnswer(method, body) is { } channelAnswer)
        {
            await http.Response.WriteAsJsonAsync(channelAnswer);
            return;
        }

        object answer = method switch
        {
            "chat.postMessage" => new { ok = true, channel = "C1", ts = "1764230400.000100" },
            "chat.postEphemeral" => new { ok = true, message_ts = "1764230400.000200" },
            "chat.update" => new { ok = true, channel = "C1", ts = "1764230400.000100", text = "" },
            "conversations.open" => new { ok = true, channel = new { id = "D-DM1" } },
            "views.open" => new { ok = true, view = new { id = "V-MODAL1", hash = "1.abc" } },
            "files.getUploadURLExternal" => new { ok = true, upload_url = new Uri(BaseUrl, "upload/F-UP1").ToString(), file_id = "F-UP1" },
            "files.completeUploadExternal" => new { ok = true, files = new[] { new { id = "F-UP1", title = "chart" } } },
            "views.publish" => new { ok = true, view = new { id = "V-HOME1", hash = "1.home" } },
            "users.info" => UserInfo(body),
            "oauth.v2.access" => new
            {
                ok = true,
                access_token = "xoxb-installed",
                token_type = "bot",
                scope = "commands,chat:write",
                bot_user_id = "UBOT9",
                app_id = "A1",
                team = new { id = "T9", name = "Nine" },
                enterprise = (object?)null,
                is_enterprise_install = false,
                authed_user = new { id = "UINSTALLER" },
            },
            "apps.connections.open" => new { ok = true, url = new Uri(BaseUrl, "socket").ToString().Replace("http", "ws", StringComparison.Ordinal) },
            _ => new { ok = false, error = "unknown_method" },
        };
        await http.Response.WriteAsJsonAsync(answer);
    }

    /// <summary>Files uploaded to the URL files.getUploadURLExternal handed out, by file id.</summary>
    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new();

    /// <summary>Public channels the bot is not in (conversations.join puts it in); any other channel has the bot.</summary>
    public ConcurrentDictionary<string, bool> ChannelsWithoutBot { get; } = new();

    /// <summary>Private channels the bot is not in: it cannot join them, it has to be invited.</summary>
    public ConcurrentDictionary<string, bool> PrivateChannelsWithoutBot { get; } = new();

    /// <summary>conversations.info, conversations.join and chat.postMessage as channel membership makes them answer.</summary>
    private object? ChannelAnswer(string method, string body)
    {
        string? channel = method switch
        {
            "conversations.info" => Uri.UnescapeDataString(body.Split('&').FirstOrDefault(p => p.StartsWith("channel=", StringComparison.Ordinal))?[8..] ?? string.Empty),
            "conversations.join" or "chat.postMessage" when body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("channel", out var c) => c.GetString(),
            _ => null,
        };
        if (channel is null)
        {
            return null;
        }

        var isPrivate = PrivateChannelsWithoutBot.ContainsKey(channel);
        var outside = isPrivate || ChannelsWithoutBot.ContainsKey(channel);
        return method switch
        {
            "conversations.info" when isPrivate => new { ok = false, error = "channel_not_found" },
            "conversations.info" => new { ok = true, channel = new { id = channel, name = channel.ToLowerInvariant(), is_private = false, is_im = false, is_member = !outside } },
            "conversations.join" when isPrivate => new { ok = false, error = "method_not_supported_for_channel_type" },
            "conversations.join" => ChannelsWithoutBot.TryRemove(channel, out _) || true ? new { ok = true, channel = new { id = channel } } : null,
            "chat.postMessage" when outside => new { ok = false, error = "not_in_channel" },
            _ => null,
        };
    }

    /// <summary>The Slack client language users.info reports per member; en-US when not set.</summary>
    public ConcurrentDictionary<string, string> Locales { get; } = new();

    /// <summary>Members users.info reports as workspace admins.</summary>
    public ConcurrentBag<string> Admins { get; } = [];

    private object UserInfo(string form)
    {
        var id = Uri.UnescapeDataString(form.Split('&').First(p => p.StartsWith("user=", StringComparison.Ordinal))[5..]);
        return new
        {
            ok = true,
            user = new
            {
                id,
                name = id.ToLowerInvariant(),
                tz = "Europe/Copenhagen",
                locale = Locales.GetValueOrDefault(id, "en-US"),
                is_admin = Admins.Contains(id),
                is_owner = false,
                profile = new { display_name = DisplayNames.GetValueOrDefault(id, id) },
            },
        };
    }

    private async Task ResponseAsync(HttpContext http, string id)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var call = new SlackCall("response", http.Request.Headers.Authorization.ToString(), body);
        _all.Add(call);
        await _calls.Writer.WriteAsync(call);
        http.Response.StatusCode = 200;
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }

        var silent = SilentSockets;
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"hello","num_connections":1}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        _socket = socket;
        Interlocked.Increment(ref _socketsOpened);
        await _sockets.Writer.WriteAsync(socket);
        if (silent)
        {
            // Control frames (pings) are only answered while someone reads; this connection never does.
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var buffer = new byte[64 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, http.RequestAborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            await _acks.Writer.WriteAsync(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}
