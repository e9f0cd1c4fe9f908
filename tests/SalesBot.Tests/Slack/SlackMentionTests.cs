using SalesBot.Messaging;
using SalesBot.Slack;

namespace SalesBot.Tests.Slack;

/// <summary>Slack's mention syntax stops at the Slack folder: the core gets "@{id}" and who that is.</summary>
public class SlackMentionTests
{
    [Fact]
    public void A_real_mention_becomes_an_id_token_with_the_person()
    {
        var (text, mentions) = SlackBot.Neutral("new Acme 10k <@U0BOB|bob> for <@W0ANN>");

        Assert.Equal("new Acme 10k @U0BOB for @W0ANN", text);
        Assert.Equal([new MentionedUser("U0BOB", "bob"), new MentionedUser("W0ANN", "W0ANN")], mentions);
    }

    [Fact]
    public void Text_typed_to_look_like_a_mention_stays_text()
    {
        // Slack escapes what people type; only Slack itself writes a real <@U…>.
        var (text, mentions) = SlackBot.Neutral("new Acme &lt;@U0BOSS|boss&gt; &amp; co");

        Assert.Equal("new Acme <@U0BOSS|boss> & co", text);
        Assert.Empty(mentions);
    }
}
