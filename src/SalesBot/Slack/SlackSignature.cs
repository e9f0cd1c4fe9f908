using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SalesBot.Slack;

/// <summary>
/// Slack request signing, scheme v0: HMAC-SHA256 over "v0:{timestamp}:{raw body}", timestamp within ±300 s of now.
/// Spec: https://api.slack.com/authentication/verifying-requests-from-slack
/// </summary>
internal static class SlackSignature
{
    public const long MaxSkewSeconds = 300;

    public static bool IsValid(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(secret) || string.IsNullOrEmpty(signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
            || Math.Abs(now.ToUnixTimeSeconds() - ts) > MaxSkewSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp!, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>The <c>X-Slack-Signature</c> value for a body; also what test fakes sign with.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
