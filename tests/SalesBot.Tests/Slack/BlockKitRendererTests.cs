using System.Text.Json;
using SalesBot.Messaging;
using SalesBot.Slack;

namespace SalesBot.Tests.Slack;

public class BlockKitRendererTests
{
    [Fact]
    public void Oversized_replies_are_cut_to_slack_limits_with_and_n_more()
    {
        var reply = new Reply("fallback " + new string('t', 50_000))
        {
            Header = new string('h', 300),
            Lead = "Lead with <tags> & ampersands",
            Fields = Enumerable.Range(1, 12).Select(i => new ReplyField("Field " + i, new string('v', 2500))).ToArray(),
            Items = Enumerable.Range(1, 40).Select(i => $"Deal {i} " + new string('x', 200)).ToArray(),
            Buttons = Enumerable.Range(1, 30).Select(i => new ReplyButton(new string('b', 100), "deal show D-" + i, ButtonStyle.Danger)).ToArray(),
        };

        var message = BlockKitRenderer.Render(reply);
        var blocks = message.Blocks!.Value.EnumerateArray().ToArray();

        Assert.True(message.Text.Length <= 40_000);
        Assert.True(blocks.Length <= 50);
        Assert.Equal(150, blocks[0].GetProperty("text").GetProperty("text").GetString()!.Length);
        Assert.Equal("Lead with &lt;tags&gt; &amp; ampersands", blocks[1].GetProperty("text").GetProperty("text").GetString());
        var fields = blocks[2].GetProperty("fields").EnumerateArray().ToArray();
        Assert.Equal(10, fields.Length);
        Assert.All(fields, f => Assert.True(f.GetProperty("text").GetString()!.Length <= 2000));
        Assert.Equal("…and 2 more", blocks[3].GetProperty("elements")[0].GetProperty("text").GetString());
        // 40 items of about 210 characters: three sections, every item once, nothing cut.
        var sections = blocks.Skip(4).TakeWhile(b => b.GetProperty("type").GetString() == "section").Select(b => b.GetProperty("text").GetProperty("text").GetString()!).ToArray();
        Assert.Equal(3, sections.Length);
        Assert.All(sections, s => Assert.True(s.Length <= 3000));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"• Deal {i} "), sections.SelectMany(s => s.Split('\n')).Select(l => l[..l.IndexOf('x', StringComparison.Ordinal)]));
        var buttons = blocks.Last().GetProperty("elements").EnumerateArray().ToArray();
        Assert.Equal(25, buttons.Length);
        Assert.All(buttons, b => Assert.Equal(75, b.GetProperty("text").GetProperty("text").GetString()!.Length));
        Assert.All(buttons, b => Assert.Equal("danger", b.GetProperty("style").GetString()));
        Assert.Equal(25, buttons.Select(b => b.GetProperty("action_id").GetString()).Distinct().Count());
    }

    [Fact]
    public void Public_replies_go_in_channel_and_private_ones_are_ephemeral()
    {
        Assert.Equal("in_channel", BlockKitRenderer.Render(new Reply("won") { Visibility = Visibility.Public }).ResponseType);
        Assert.Equal("ephemeral", BlockKitRenderer.Render(new Reply("mine")).ResponseType);
        var plain = BlockKitRenderer.Render(new Reply("just text")).Blocks!.Value;
        Assert.Equal("just text", plain[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Array, plain.ValueKind);
    }

    [Fact]
    public void A_list_too_long_for_a_message_says_exactly_how_many_items_it_hides()
    {
        var reply = new Reply("list") { Items = Enumerable.Range(1, 300).Select(i => $"Deal {i} " + new string('x', 200)).ToArray() };

        var blocks = BlockKitRenderer.Render(reply).Blocks!.Value.EnumerateArray().ToArray();
        var lines = blocks.Select(b => b.GetProperty("text").GetProperty("text").GetString()!).SelectMany(s => s.Split('\n')).ToArray();

        var shown = lines.Count(l => l.StartsWith("• Deal", StringComparison.Ordinal));
        Assert.Equal($"…and {300 - shown} more", lines[^1]);
        Assert.All(blocks, b => Assert.True(b.GetProperty("text").GetProperty("text").GetString()!.Length <= 3000));
    }

    [Fact]
    public void A_hostile_deal_name_cannot_ping_a_channel_mention_someone_or_hide_a_link()
    {
        const string hostile = "<!channel> <@U123> <https://evil.example|click> & co";
        var reply = new Reply($"Marked {hostile} as won.")
        {
            Header = hostile,
            Lead = $"Marked {hostile} as won.",
            Fields = [new("Deal", hostile)],
            Items = [hostile],
            Footer = hostile,
            Visibility = Visibility.Public,
        };

        var message = BlockKitRenderer.Render(reply);

        Assert.Equal("Marked &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; &amp; co as won.", message.Text);

        // The header is plain_text (never parsed); every mrkdwn block shows the name as text.
        foreach (var block in message.Blocks!.Value.EnumerateArray().Where(b => b.GetProperty("type").GetString() is "section" or "context"))
        {
            var text = block.TryGetProperty("text", out var t) ? t.GetProperty("text").GetString()!
                : block.TryGetProperty("fields", out var f) ? string.Join("\n", f.EnumerateArray().Select(x => x.GetProperty("text").GetString()))
                : string.Join("\n", block.GetProperty("elements").EnumerateArray().Select(x => x.GetProperty("text").GetString()));
            Assert.DoesNotContain("<", text, StringComparison.Ordinal);
            Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
        }
    }
}
