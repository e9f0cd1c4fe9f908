using SalesBot.DevChat;
using SalesBot.Reminders;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Danish;

/// <summary>
/// Which language a person is answered in: their choice, else a Danish chat client, else the team's language, else their
/// client's, else English.
/// </summary>
public class LanguageTests
{
    [Theory]
    [InlineData(null, "da-DK", "en", "da")]
    [InlineData(null, "da", "en", "da")]
    [InlineData(null, "DA_dk", "en", "da")]
    [InlineData(null, "en-US", "da", "da")]
    [InlineData(null, "en-GB", "da", "da")]
    [InlineData(null, "en-DK", "da", "da")]
    [InlineData(null, "en-US", "en", "en")]
    [InlineData(null, "en-US", null, "en")]
    [InlineData(null, "da-DK", null, "da")]
    [InlineData(null, null, "da", "da")]
    [InlineData(null, "", "da-DK", "da")]
    [InlineData(null, "fr-FR", "da", "da")]
    [InlineData(null, "zz-garbage", "klingon", "en")]
    [InlineData(null, "-", null, "en")]
    [InlineData(null, null, null, "en")]
    [InlineData("en", "da-DK", "da", "en")]
    [InlineData("da", "en-US", "en", "da")]
    [InlineData("", "en-US", "da", "da")]
    public void The_person_s_choice_then_a_danish_client_then_the_team_then_the_client_then_English(string? chosen, string? client, string? team, string expected)
    {
        Assert.Equal(expected, Languages.Pick(chosen, client, team));
    }

    [Fact]
    public async Task A_chosen_language_is_remembered_on_every_instance_until_the_person_goes_back_to_automatic()
    {
        var tenant = AppFixture.NewTenant();
        await using var app = await SalesBotApp.StartAsync();
        await using var other = await SalesBotApp.StartAsync(tablePrefix: app.TablePrefix);

        Assert.Equal("I answer you in English (the team's language). `deal language da` or `deal language en` picks one for you; `deal language auto` follows your chat app again.",
            (await app.SayAsync("deal language", tenant: tenant, locale: "en-US")).Text);
        Assert.Equal("Fra nu af svarer jeg dig på dansk, på alle kanaler og også i påmindelser.", (await app.SayAsync("deal language da", tenant: tenant, locale: "en-US")).Text);
        Assert.Equal("Dine åbne deals: ingen lige nu.", (await other.SayAsync("deal list", tenant: tenant, locale: "en-US")).Text);
        Assert.Equal("Jeg svarer dig på dansk (du har valgt det). `deal sprog da` eller `deal sprog en` vælger for dig; `deal sprog auto` følger din chat-app igen.",
            (await other.SayAsync("deal sprog", tenant: tenant, locale: "en-US")).Text);
        Assert.Equal("Your open deals: none right now.", (await app.SayAsync("deal list", "u-bob", "Bob", tenant, locale: "en-US")).Text);

        Assert.Equal("I follow your chat app's language again, else the team's: English for now.", (await app.SayAsync("deal sprog auto", tenant: tenant, locale: "en-US")).Text);
        Assert.Equal("Your open deals: none right now.", (await app.SayAsync("deal list", tenant: tenant, locale: "en-US")).Text);
    }

    [Fact]
    public async Task Nudges_go_out_in_the_owner_s_language_and_the_digest_in_each_manager_s()
    {
        var tenant = AppFixture.NewTenant();
        await using var app = await SalesBotApp.StartAsync(new()
        {
            [$"Tenants:{tenant}:Managers:0"] = "u-maria",
            [$"Tenants:{tenant}:Managers:1"] = "u-mike",
        });
        await app.SayAsync("deal language da", tenant: tenant);
        await app.SayAsync("deal new Nordlys 10k smb", tenant: tenant);
        await app.SayAsync("deal list", "u-maria", "Maria", tenant, locale: "da-DK");
        await app.SayAsync("deal list", "u-mike", "Mike", tenant, locale: "en-GB");
        var scanner = app.Service<ReminderScanner>();
        var inbox = app.Service<DevInbox>();

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        await scanner.ScanAsync(CancellationToken.None);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 8, 0, 0, TimeSpan.Zero));
        await scanner.ScanAsync(CancellationToken.None);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 7, 0, 0, TimeSpan.Zero));
        await scanner.ScanAsync(CancellationToken.None);

        var nudge = inbox.For(tenant, "u-ann")[0].Reply;
        Assert.Equal("Nordlys har stået i Prospecting i 6 arbejdsdage, 1 over grænsen på 5.", nudge.Lead);
        Assert.Equal(["Flyt til Contact", "Log opkald", "Udskyd 3 dage", "Marker som tabt"], nudge.Buttons.Select(b => b.Label));
        Assert.Equal("Ugeoversigt · 14. dec. 2026", Assert.Single(inbox.For(tenant, "u-maria")).Reply.Header);
        Assert.Equal("Weekly digest · 14 Dec 2026", Assert.Single(inbox.For(tenant, "u-mike")).Reply.Header);
    }

    [Fact]
    public async Task A_manager_makes_the_team_danish_from_chat_and_the_default_stages_follow()
    {
        var tenant = AppFixture.NewTenant();
        await using var app = await SalesBotApp.StartAsync(new() { [$"Tenants:{tenant}:Managers:0"] = "u-maria" });
        var id = (await app.SayAsync("deal new Nordlys 10k smb", tenant: tenant, locale: "en-US")).DealId();

        Assert.Equal("Only managers can change the team's settings.", (await app.SayAsync("config language da", tenant: tenant, locale: "en-US")).Text);
        Assert.Equal(
            "The team's language is now Danish: everyone who has not chosen their own (deal language) and whose chat app is not in Danish gets answers in it, and the default stages carry its names.",
            (await app.SayAsync("config language da", "u-maria", "Maria", tenant, locale: "en-US")).Text);

        Assert.Equal("Nordlys er flyttet fra Prospecting til Tage kontakt (20 %).", (await app.SayAsync("deal advance Nordlys", tenant: tenant, locale: "en-US")).Text);
        // The English name still finds the stage; Maria, who chose nothing, reads Danish.
        Assert.Equal("Nordlys er flyttet fra Tage kontakt til Identificere et behov (40 %).",
            (await app.SayAsync($"deal advance {id} to identify need", "u-maria", "Maria", tenant, locale: "en-US")).Text);
        // Ann chooses English: English sentences, with the stage names the team uses.
        Assert.Equal("From now on I answer you in English, on every channel, reminders included.", (await app.SayAsync("deal sprog en", tenant: tenant, locale: "en-US")).Text);
        Assert.Contains("Stage: Identificere et behov (40 %), 0 business days", (await app.SayAsync("deal show Nordlys", tenant: tenant, locale: "en-US")).Text, StringComparison.Ordinal);
    }
}
