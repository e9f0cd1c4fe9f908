using SalesBot.Commands;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Faults;

/// <summary>Generated garbage, huge numbers, odd dates and injection strings: the parser never throws, and always answers.</summary>
public class ParserFuzzTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] Words =
    [
        "deal", "new", "advance", "to", "from", "log", "call", "next", "snooze", "until", "won", "lost", "reopen", "set", "amount",
        "close", "owner", "show", "list", "help", "pipeline", "stalled", "config", "quota", "stall", "probability", "managers", "add",
        "Q1", "2027", "ytd", "H2", "this", "quarter", "mine", "team", "@ann", "<@U123|bob>", "<at>Bot</at>", "smb", "mid", "enterprise",
        "50k", "1.2m", "€50k", "DKK", "50.000", "kr", "999999999999999999999999", "-5", "0", "3d", "2w", "400d", "31/02", "dec 31",
        "next friday", "end of quarter", "in 9999 weeks", "\"Acme Corp\"", "“smart quotes”", "' or PartitionKey ne '", "|", "\\", "#", "?",
        "%00", "\u0000", "\u202E", "🦄", "Ærø", "名前", "D-7F3A", "D-", ":", "—", "-", "\t", "\r\n",
    ];

    private static string Generate(Random random)
    {
        var parts = random.Next(0, 9);
        var text = string.Join(random.Next(4) == 0 ? "  " : " ", Enumerable.Range(0, parts).Select(_ => random.Next(6) switch
        {
            0 => new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next(0, 0xD7FF)).ToArray()),
            1 => random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) + random.Next(1000),
            _ => Words[random.Next(Words.Length)],
        }));
        return random.Next(50) == 0 ? text + new string('x', 4001) : text;
    }

    [Fact]
    public void A_hundred_thousand_generated_inputs_never_throw_and_always_give_a_command_or_an_explained_error()
    {
        var random = new Random(20261127);
        var ctx = new ParseContext(new DateOnly(2026, 11, 27), "DKK", 4);
        for (var i = 0; i < 100_000; i++)
        {
            var text = Generate(random);
            var result = CommandParser.Parse(text, ctx);
            Assert.True(result.Command is not null ^ result.Error is not null, $"input {i}: {text}");
        }
    }

    [Fact]
    public async Task Generated_inputs_through_the_whole_bot_always_get_a_readable_reply()
    {
        var random = new Random(7);
        var tenant = AppFixture.NewTenant();
        for (var i = 0; i < 300; i++)
        {
            var reply = await fixture.App.SayAsync(Generate(random), "u-maria", "Maria", tenant);
            Assert.False(string.IsNullOrWhiteSpace(reply.Text));
            Assert.DoesNotContain("Exception", reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Something went wrong", reply.Text, StringComparison.Ordinal);
        }
    }
}
