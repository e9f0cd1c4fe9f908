using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.DevChat;

/// <summary>
/// The local chat page in real headless Chromium (Debian's chromium and chromedriver), against SalesBot running as its
/// own process on loopback with Azurite: load the demo team, create a deal, click a button, ask for the pipeline.
/// </summary>
public sealed class DevChatPageTests : IAsyncLifetime
{
    private Process? _bot;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        var port = Azurite.ClosedPort();
        _url = $"http://127.0.0.1:{port}";
        _bot = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "SalesBot.dll"), "--urls", _url,
                "--Storage:ConnectionString=" + await Azurite.ConnectionStringAsync(),
                "--Storage:TablePrefix=t" + Guid.NewGuid().ToString("N")[..16],
                "--DevChat:Enabled=true", "--Reminders:BackgroundScan=false", "--Logging:LogLevel:Default=Warning",
            },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _bot.OutputDataReceived += (_, _) => { };
        _bot.ErrorDataReceived += (_, _) => { };
        _bot.BeginOutputReadLine();
        _bot.BeginErrorReadLine();
        using var http = new HttpClient();
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync(_url + "/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("SalesBot did not start for the browser test.");
    }

    public Task DisposeAsync()
    {
        _bot?.Kill(entireProcessTree: true);
        _bot?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void A_newcomer_loads_the_demo_team_creates_a_deal_clicks_a_button_and_asks_for_the_pipeline()
    {
        using var browser = Browser();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(30));
        string Log() => browser.FindElement(By.Id("log")).Text;
        void Say(string text) => Type(browser, text);

        LoadDemoTeam(browser, wait, "demo-", "Demo team loaded: 60 deals");

        browser.FindElement(By.CssSelector("#user option[value='u-ann']")).Click();
        Say("deal new Acme Robotics 50k enterprise close dec 18");
        wait.Until(_ => Log().Contains("Created Acme Robotics", StringComparison.Ordinal));
        var advance = browser.FindElements(By.CssSelector("#log .card .buttons button")).Last(b => b.Text == "Advance to Contact");
        advance.Click();
        wait.Until(_ => Log().Contains("Moved Acme Robotics from Prospecting to Contact (20 %).", StringComparison.Ordinal));

        browser.FindElement(By.CssSelector("#user option[value='u-maria']")).Click();
        // Ann's buttons are hers: the manager clicking one changes nothing and is told what to type instead.
        browser.FindElements(By.CssSelector("#log .card .buttons button")).Last().Click();
        wait.Until(_ => Log().Contains("This choice was offered to Ann Berg, so nothing was changed.", StringComparison.Ordinal));
        Say("pipeline this quarter");
        wait.Until(_ => Log().Contains("Pipeline Q4 2026 · team", StringComparison.Ordinal) || Log().Contains("Pipeline Q1 2027 · team", StringComparison.Ordinal));

        var cards = browser.FindElements(By.CssSelector("#log .card"));
        var pipeline = cards.Last();
        Assert.Contains("weighted forecast", pipeline.Text, StringComparison.Ordinal);
        Assert.Contains("Win rate, last 12 months", pipeline.Text, StringComparison.Ordinal);
        Assert.NotEmpty(pipeline.FindElements(By.CssSelector(".buttons button")));
        Assert.Contains("clicked · Ann Berg", Log(), StringComparison.Ordinal);

        var screenshot = Path.Combine(Path.GetTempPath(), "salesbot-devchat.png");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        // The Chart button draws the same pipeline as a picture, shown in the conversation.
        pipeline.FindElements(By.CssSelector(".buttons button")).First(b => b.Text == "Chart").Click();
        wait.Until(b => b.FindElements(By.CssSelector("#log img.chart")).Any(i => i.GetDomProperty("naturalWidth") is "1000"));
        browser.ExecuteScript("arguments[0].scrollIntoView({block: 'end'})", browser.FindElements(By.CssSelector("#log img.chart")).Last());
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(Path.GetTempPath(), "salesbot-devchat-chart.png"));
    }

    [Fact]
    public void A_danish_visitor_picks_dansk_loads_the_danish_demo_team_and_reads_danish_answers()
    {
        using var browser = Browser();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(30));
        string Log() => browser.FindElement(By.Id("log")).Text;
        void Say(string text) => Type(browser, text);

        LoadDemoTeam(browser, wait, "demo-da-", "Demoteamet er hentet: 60 deals", language: "da-DK");

        browser.FindElement(By.CssSelector("#user option[value='u-ann']")).Click();
        Say("deal ny Vestjysk Vind A/S 1,2 mio. kr. enterprise lukker ultimo kvartalet");
        wait.Until(_ => Log().Contains("Vestjysk Vind A/S", StringComparison.Ordinal) && Log().Contains("er oprettet i Prospecting: DKK 1.200.000", StringComparison.Ordinal));
        browser.FindElements(By.CssSelector("#log .card .buttons button")).Last(b => b.Text == "Flyt til Tage kontakt").Click();
        wait.Until(_ => Log().Contains("Vestjysk Vind A/S er flyttet fra Prospecting til Tage kontakt (20 %).", StringComparison.Ordinal));

        browser.FindElement(By.CssSelector("#user option[value='u-maria']")).Click();
        Say("pipeline dette kvartal");
        wait.Until(_ => Log().Contains("Pipeline 4. kvartal 2026 · team", StringComparison.Ordinal) || Log().Contains("Pipeline 1. kvartal 2027 · team", StringComparison.Ordinal));
        var pipeline = browser.FindElements(By.CssSelector("#log .card")).Last();
        Assert.Contains("vægtet forecast", pipeline.Text, StringComparison.Ordinal);
        Assert.Contains("Hitrate, seneste 12 måneder", pipeline.Text, StringComparison.Ordinal);
        Assert.Contains("Præsentere tilbud", pipeline.Text, StringComparison.Ordinal);
        Assert.Equal("da", browser.FindElement(By.TagName("html")).GetAttribute("lang"));
        Assert.Equal("Hent demoteam", browser.FindElement(By.Id("demo")).Text);

        var screenshot = Path.Combine(Path.GetTempPath(), "salesbot-devchat-da.png");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    [Fact]
    public void A_manager_sets_a_deals_feed_and_the_page_shows_its_posts_and_a_reps_brief()
    {
        using var browser = Browser();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(30));
        string Log() => browser.FindElement(By.Id("log")).Text;
        string Feed() => browser.FindElement(By.Id("feed")).Text;
        void Say(string text) => Type(browser, text);

        LoadDemoTeam(browser, wait, "demo-", "Demo team loaded");

        browser.FindElement(By.CssSelector("#user option[value='u-maria']")).Click();
        Say("config feed #sales-wins won lost new>=500k managers");
        wait.Until(_ => Log().Contains("The deals feed in #sales-wins posts won deals, lost deals with the reason, new deals from DKK 500,000", StringComparison.Ordinal));

        browser.FindElement(By.CssSelector("#user option[value='u-ann']")).Click();
        Say("deal new \"Nordic Freight\" 750k enterprise");
        wait.Until(_ => Log().Contains("Created Nordic Freight", StringComparison.Ordinal));
        Say("deal won Nordic Freight three-year contract signed");
        wait.Until(_ => Feed().Contains("Won: Nordic Freight", StringComparison.Ordinal));
        Assert.Contains("New deal: Nordic Freight", Feed(), StringComparison.Ordinal);
        Assert.Contains("#sales-wins", Feed(), StringComparison.Ordinal);
        Assert.Contains("Note: three-year contract signed", Feed(), StringComparison.Ordinal);

        Say("deal brief now");
        wait.Until(_ => Log().Contains("Your day ·", StringComparison.Ordinal) || Log().Contains("Nothing to tell today", StringComparison.Ordinal));

        var screenshot = Path.Combine(Path.GetTempPath(), "salesbot-devchat-feed.png");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    /// <summary>Opens the page (in <paramref name="language"/> when given), names a new team and loads the demo team into it.</summary>
    private void LoadDemoTeam(ChromeDriver browser, WebDriverWait wait, string teamPrefix, string loaded, string? language = null)
    {
        browser.Navigate().GoToUrl(_url + "/");
        if (language is not null)
        {
            browser.FindElement(By.CssSelector($"#language option[value='{language}']")).Click();
        }

        var tenant = browser.FindElement(By.Id("tenant"));
        tenant.Clear();
        tenant.SendKeys(teamPrefix + Guid.NewGuid().ToString("N")[..6]);
        browser.FindElement(By.Id("demo")).Click();
        wait.Until(b => b.FindElement(By.Id("status")).Text.StartsWith(loaded, StringComparison.Ordinal));
    }

    /// <summary>Types a command into the page and sends it with Enter.</summary>
    private static void Type(ChromeDriver browser, string text)
    {
        var input = browser.FindElement(By.Id("text"));
        input.SendKeys(text);
        input.SendKeys(Keys.Enter);
    }

    private static ChromeDriver Browser()
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
