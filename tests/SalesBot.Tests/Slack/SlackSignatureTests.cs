using System.Text;
using SalesBot.Slack;

namespace SalesBot.Tests.Slack;

public class SlackSignatureTests
{
    // Slack's published test vector (api.slack.com, "Verifying requests from Slack").
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static readonly DateTimeOffset Signed = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void Reproduces_the_published_vector() =>
        Assert.Equal(Signature, SlackSignature.Sign(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(-299, true)]
    [InlineData(-301, false)]
    [InlineData(-3600, false)]
    public void Accepts_only_timestamps_within_five_minutes_either_way(int secondsFromSigning, bool valid) =>
        Assert.Equal(valid, SlackSignature.IsValid(Secret, Timestamp, Signature, Encoding.UTF8.GetBytes(Body), Signed.AddSeconds(secondsFromSigning)));

    public static TheoryData<string, string?, string?, string> Tampered => new()
    {
        { "body with ------ appended", Timestamp, Signature, Body + "------" },
        { "last hex digit changed", Timestamp, Signature[..^1] + "4", Body },
        { "v1 prefix", Timestamp, "v1=" + Signature[3..], Body },
        { "uppercase hex", Timestamp, "v0=" + Signature[3..].ToUpperInvariant(), Body },
        { "missing timestamp", null, Signature, Body },
        { "empty timestamp", "", Signature, Body },
        { "non-numeric timestamp", "15314206l8", Signature, Body },
        { "signed timestamp", "+1531420618", Signature, Body },
        { "negative timestamp", "-1", Signature, Body },
        { "missing signature", Timestamp, null, Body },
        { "empty signature", Timestamp, "", Body },
        { "signature without version", Timestamp, Signature[3..], Body },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Rejects_tampered_or_incomplete_requests(string because, string? timestamp, string? signature, string body) =>
        Assert.False(SlackSignature.IsValid(Secret, timestamp, signature, Encoding.UTF8.GetBytes(body), Signed), because);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_secret_verifies_nothing(string secret) =>
        Assert.False(SlackSignature.IsValid(secret, Timestamp, SlackSignature.Sign(secret, Timestamp, Encoding.UTF8.GetBytes(Body)), Encoding.UTF8.GetBytes(Body), Signed));

    [Theory]
    [InlineData("""{"token":"x","challenge":"abc123","type":"url_verification"}""", "v0=5a0fc2b29db7405278f2583b9270068d263091c28bc9a46e34e35bf40d7f2228")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D", "v0=8ff64a276b74f3bfc205d8b1fdf8b29d2be346bc136af509b33bab6d090ef061")]
    public void Verifies_further_known_vectors(string body, string signature) =>
        Assert.True(SlackSignature.IsValid("test-signing-secret", "1700000000", signature, Encoding.UTF8.GetBytes(body), DateTimeOffset.FromUnixTimeSeconds(1700000000)));
}
