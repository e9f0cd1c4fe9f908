using SalesBot.Messaging;

namespace SalesBot.Tests.Infrastructure;

internal static class ReplyAssertions
{
    /// <summary>The reply is a success whose text contains every fragment.</summary>
    public static Reply ShouldSay(this Reply reply, params string[] fragments)
    {
        foreach (var f in fragments)
        {
            Assert.True(reply.Text.Contains(f, StringComparison.Ordinal), $"Expected “{f}” in:\n{reply.Text}");
        }

        return reply;
    }

    public static Reply ShouldSucceed(this Reply reply, params string[] fragments)
    {
        Assert.False(reply.IsError, "Expected success but got: " + reply.Text);
        return reply.ShouldSay(fragments);
    }

    public static Reply ShouldFail(this Reply reply, params string[] fragments)
    {
        Assert.True(reply.IsError, "Expected an error but got: " + reply.Text);
        return reply.ShouldSay(fragments);
    }

    /// <summary>The deal id a creation reply announced, e.g. D-7F3A.</summary>
    public static string DealId(this Reply reply)
    {
        var m = System.Text.RegularExpressions.Regex.Match(reply.Text, @"\((D-[A-Z0-9]{4,6})\)");
        Assert.True(m.Success, "No deal id in: " + reply.Text);
        return m.Groups[1].Value;
    }
}
