namespace SalesBot.Slack;

/// <summary>The <c>Slack</c> section. Without a signing secret (HTTP) or an app token (Socket Mode) Slack is off.</summary>
internal sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Verifies every HTTP request from Slack.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Single-workspace mode: the bot token (xoxb-…) used for every team.</summary>
    public string? BotToken { get; set; }

    /// <summary>Multi-workspace mode (OAuth installs).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Base64 of 32 random bytes; encrypts stored bot tokens. Required with ClientId.</summary>
    public string? TokenEncryptionKey { get; set; }

    /// <summary>Earlier encryption keys (base64 of 32 bytes each): tokens they sealed are still read, and sealed again with the current key.</summary>
    public string[] PreviousTokenEncryptionKeys { get; set; } = [];

    /// <summary>App-level token (xapp-…): run over Socket Mode instead of public HTTP endpoints.</summary>
    public string? AppToken { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    public Uri AuthorizeUrl { get; set; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary>The OAuth redirect URL registered with Slack (required with ClientId; never taken from the request's Host).</summary>
    public Uri? RedirectUrl { get; set; }

    /// <summary>How long a command may run before Slack gets an acknowledgement and the answer goes to response_url.</summary>
    public TimeSpan AnswerBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Socket Mode: how often SalesBot pings Slack over the socket.</summary>
    public TimeSpan SocketPingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Socket Mode: a socket whose pong does not come within this time is dropped and a new one opened.</summary>
    public TimeSpan SocketPingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);

    public bool MultiWorkspace => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
