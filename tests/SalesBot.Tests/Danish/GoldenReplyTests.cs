using SalesBot.DevChat;
using SalesBot.Reminders;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Danish;

/// <summary>
/// One scenario in English and in Danish, every reply asserted in full: create, advance, someone else moved it, not
/// found with a suggestion, only the owner may change it, a stall nudge, the weekly digest, the pipeline of the quarter,
/// and storage that does not answer.
/// </summary>
public class GoldenReplyTests
{
    /// <summary>Monday 7 December 2026, 09:00 in Copenhagen: the sixth business day after Friday 27 November.</summary>
    private static readonly DateTimeOffset DueMorning = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The commands of the scenario, as a person of that language types them.</summary>
    private sealed record Words(string New, string NewSmall, string Advance, string AdvanceFrom, string ShowTypo, string Pipeline);

    private static readonly Words English = new(
        "deal new Acme Robotics 50k enterprise close 2026-12-31", "deal new Nordlys 10k smb", "deal advance Acme", "deal advance Acme from contact",
        "deal show Acme Robotix", "pipeline this quarter");

    private static readonly Words Danish = new(
        "deal ny Acme Robotics 50.000 kr. enterprise lukker 31/12", "deal ny Nordlys 10k smb", "deal flyt Acme", "deal flyt Acme fra kontakt",
        "deal vis Acme Robotix", "pipeline dette kvartal");

    private static async Task<Dictionary<string, string>> RunAsync(string language, Words words)
    {
        var tenant = AppFixture.NewTenant();
        await using var app = await SalesBotApp.StartAsync(new()
        {
            [$"Tenants:{tenant}:Locale"] = language,
            [$"Tenants:{tenant}:Managers:0"] = "u-maria",
        });
        Task<SalesBot.Messaging.Reply> Ann(string text) => app.SayAsync(text, "u-ann", "Ann", tenant);
        var replies = new Dictionary<string, string>();

        var created = await Ann(words.New);
        var acme = created.DealId();
        replies["created"] = created.Text;
        var nordlys = (await Ann(words.NewSmall)).DealId();
        replies["advanced"] = (await Ann(words.Advance)).Text;
        await app.SayAsync(words.Advance, "u-maria", "Maria", tenant);
        replies["moved meanwhile"] = (await Ann(words.AdvanceFrom)).Text;
        replies["not found"] = (await Ann(words.ShowTypo)).Text;
        replies["only the owner"] = (await app.SayAsync(words.Advance, "u-bob", "Bob", tenant)).Text;

        var scanner = app.Service<ReminderScanner>();
        var inbox = app.Service<DevInbox>();
        app.Clock.SetUtcNow(DueMorning);
        await scanner.ScanAsync(CancellationToken.None);
        replies["nudge"] = Assert.Single(inbox.For(tenant, "u-ann")).Reply.Text;
        app.Clock.SetUtcNow(DueMorning.AddDays(3));
        await scanner.ScanAsync(CancellationToken.None);

        // Monday 14 December, 08:00 in Copenhagen.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 7, 0, 0, TimeSpan.Zero));
        await scanner.ScanAsync(CancellationToken.None);
        await scanner.ScanAsync(CancellationToken.None);
        replies["digest"] = Assert.Single(inbox.For(tenant, "u-maria")).Reply.Text;
        replies["pipeline"] = (await app.SayAsync(words.Pipeline, "u-maria", "Maria", tenant)).Text;

        await using var down = SalesBotApp.WithStorageDown();
        replies["storage unavailable"] = (await down.SayAsync(words.Advance, "u-ann", "Ann", tenant, locale: language)).Text;

        return replies.ToDictionary(r => r.Key, r => r.Value.Replace(acme, "{acme}", StringComparison.Ordinal).Replace(nordlys, "{nordlys}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_English()
    {
        var replies = await RunAsync("en", English);

        Assert.Equal("Created Acme Robotics ({acme}) in Prospecting — DKK 50,000, Enterprise, owner Ann. Expected close 31 Dec 2026.", replies["created"]);
        Assert.Equal("Moved Acme Robotics from Prospecting to Contact (20 %).", replies["advanced"]);
        Assert.Equal("Acme Robotics was just moved to Identify need by Maria, so I left it there. Advance it again if you still want to.", replies["moved meanwhile"]);
        Assert.Equal("I couldn't find a deal called “Acme Robotix”. Did you mean: Acme Robotics?", replies["not found"]);
        Assert.Equal("Acme Robotics belongs to Ann. Only Ann or a manager can do that.", replies["only the owner"]);
        Assert.Equal("Nordlys has been in Prospecting for 6 business days, 1 over the limit of 5. No interaction logged yet.", replies["nudge"]);
        Assert.Equal(
            """
            Weekly digest · 14 Dec 2026
            Stalled, with reminders ignored: 1 deal. Close date slipped twice or more: 0 deals.
            • Ann (1 stalled):
            • Nordlys ({nordlys}) · Prospecting · 6 business days over the limit · 2 reminders · DKK 10,000
            """,
            replies["digest"]);
        Assert.Equal(
            """
            Pipeline Q4 2026 · team
            DKK 50,000 open and expected to close in Q4 2026 (1 deal); weighted forecast DKK 20,000.
            Commit: DKK 0
            Best case: DKK 0
            Pipeline: DKK 50,000
            Closed won: 0 deals · DKK 0
            Closed lost: 0 deals · DKK 0
            Quota: not set
            Coverage: no quota set (config quota @user|team <amount> <period>)
            Win rate, last 12 months: no deals closed in the last 12 months yet
            Sales cycle: —
            Sales velocity: — (needs 5 deals won in the last 12 months; 0 so far)
            Stalled now: 0 deals · DKK 0
            Close date slipped this period: 0 deals
            • Prospecting: none
            • Contact: none
            • Identify need: 1 deal · DKK 50,000 · weighted DKK 20,000 · 11 business days in stage on average
            • Present offer: none
            • Handle objections: none
            • Conversion and time in stage: no deals closed in the last 12 months yet
            1 open deal has no expected close date, so no period includes it.
            """,
            replies["pipeline"]);
        Assert.Equal("Storage is unavailable right now, so nothing was changed. Please try again in a moment.", replies["storage unavailable"]);
    }

    [Fact]
    public async Task In_Danish()
    {
        var replies = await RunAsync("da", Danish);

        Assert.Equal("Acme Robotics ({acme}) er oprettet i Prospecting: DKK 50.000, Enterprise, ejer Ann. Forventet lukning 31. dec. 2026.", replies["created"]);
        Assert.Equal("Acme Robotics er flyttet fra Prospecting til Tage kontakt (20 %).", replies["advanced"]);
        Assert.Equal("Maria flyttede lige Acme Robotics til Identificere et behov, så jeg har ikke ændret noget. Flyt den igen, hvis du stadig vil.", replies["moved meanwhile"]);
        Assert.Equal("Jeg kan ikke finde en deal, der hedder “Acme Robotix”. Mente du Acme Robotics?", replies["not found"]);
        Assert.Equal("Kun Ann, som ejer Acme Robotics, eller en leder kan gøre det.", replies["only the owner"]);
        Assert.Equal("Nordlys har stået i Prospecting i 6 arbejdsdage, 1 over grænsen på 5. Ingen aktivitet logget endnu.", replies["nudge"]);
        Assert.Equal(
            """
            Ugeoversigt · 14. dec. 2026
            Står stille trods påmindelser: 1 deal. Lukkedatoen skubbet mindst to gange: 0 deals.
            • Ann (1 står stille):
            • Nordlys ({nordlys}) · Prospecting · 6 arbejdsdage over grænsen · 2 påmindelser · DKK 10.000
            """,
            replies["digest"]);
        Assert.Equal(
            """
            Pipeline 4. kvartal 2026 · team
            DKK 50.000 åbne og forventet lukket i 4. kvartal 2026 (1 deal); vægtet forecast DKK 20.000.
            Commit: DKK 0
            Best case: DKK 0
            Pipeline: DKK 50.000
            Vundet: 0 deals · DKK 0
            Tabt: 0 deals · DKK 0
            Salgsmål: ikke sat
            Dækning: intet salgsmål sat (config quota @bruger|team <beløb> <periode>)
            Hitrate, seneste 12 måneder: ingen deals lukket de seneste 12 måneder endnu
            Salgscyklus: —
            Velocity: — (kræver 5 vundne deals de seneste 12 måneder; 0 indtil nu)
            Står stille nu: 0 deals · DKK 0
            Lukkedato skubbet i perioden: 0 deals
            • Prospecting: ingen
            • Tage kontakt: ingen
            • Identificere et behov: 1 deal · DKK 50.000 · vægtet DKK 20.000 · i snit 11 arbejdsdage i fasen
            • Præsentere tilbud: ingen
            • Håndtere indvendinger: ingen
            • Konvertering og dage i fasen: ingen deals lukket de seneste 12 måneder endnu
            1 åben deal har ingen forventet lukkedato, så den tælles ikke med i nogen periode.
            """,
            replies["pipeline"]);
        Assert.Equal("Jeg kan ikke få fat i databasen lige nu, så intet er ændret. Prøv igen om lidt.", replies["storage unavailable"]);
    }
}
