using System.Net;
using SalesBot.Charts;
using SalesBot.Messaging;
using SalesBot.Tests.Infrastructure;
using SkiaSharp;

namespace SalesBot.Tests.Charts;

/// <summary>The pipeline as a picture: drawing, signed links, and each channel's way of showing it.</summary>
public sealed class ChartTests
{
    private static ReplyChart Chart(double prospecting, double won) => new(
        "Pipeline Q4 2026 · team", "DKK 2,400,000 open in Q4 2026 across 9 deals; weighted forecast DKK 1,030,000.",
        [
            new("Prospecting", prospecting, prospecting * 0.1, "3 deals · DKK 600,000", "weighted DKK 60,000"),
            new("Contact", 300_000, 60_000, "1 deal · DKK 300,000", "weighted DKK 60,000"),
            new("Present offer", 1_100_000, 660_000, "4 deals · DKK 1,100,000", "weighted DKK 660,000"),
            new("Handle objections", 400_000, 320_000, "1 deal · DKK 400,000", "weighted DKK 320,000"),
        ],
        "Open amount", "Weighted: amount × stage probability",
        [new("Won", won, won, "DKK 450,000"), new("Lost", 200_000, 200_000, "DKK 200,000")],
        "Pipeline Q4 2026 · team.");

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png);

    /// <summary>The mean difference of two pictures of one size, per channel, from 0 to 255.</summary>
    private static double Difference(SKBitmap a, SKBitmap b)
    {
        long total = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a.GetPixel(x, y), b.GetPixel(x, y));
                total += Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue);
            }
        }

        return total / (3.0 * a.Width * a.Height);
    }

    [Fact]
    public void A_pipeline_draws_as_a_png_of_the_expected_size_that_differs_from_another_pipeline_and_matches_its_golden_image()
    {
        var png = ChartRenderer.Png(Chart(600_000, 450_000));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        using var picture = Decode(png);
        Assert.Equal((ChartRenderer.Width, ChartRenderer.Height), (picture.Width, picture.Height));

        using var other = Decode(ChartRenderer.Png(Chart(1_500_000, 50_000)));
        Assert.True(Difference(picture, other) > 0.5, "Two different pipelines drew (nearly) the same picture.");

        // The golden image was drawn by this renderer with the bundled fonts; small differences (anti-aliasing of another
        // Skia build) pass, a moved bar or missing text does not. SALESBOT_UPDATE_GOLDEN=1 writes it anew.
        var golden = Path.Combine(SharedFiles.Repository, "tests/SalesBot.Tests/Charts/golden-pipeline.png");
        if (Environment.GetEnvironmentVariable("SALESBOT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(golden, png);
        }

        using var expected = Decode(File.ReadAllBytes(golden));
        Assert.True(Difference(picture, expected) < 0.5, "The chart no longer looks like tests/SalesBot.Tests/Charts/golden-pipeline.png.");
    }

    [Fact]
    public async Task A_chart_link_draws_only_with_its_signature_and_until_it_expires()
    {
        await using var app = await SalesBotApp.StartAsync();
        var links = app.Service<ChartLinks>();
        var url = await links.UrlAsync(Chart(600_000, 450_000), CancellationToken.None);
        Assert.StartsWith("/api/charts/", url);
        Assert.True(url.Length < 2000, $"The link is {url.Length} characters long.");
        using var client = app.CreateClient();

        using var ok = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("image/png", ok.Content.Headers.ContentType?.MediaType);

        var forged = url[..^8] + (url[^8] == 'A' ? 'B' : 'A') + url[^7..];
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/charts/abc.png")).StatusCode);

        app.Clock.Advance(ChartLinks.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Pipeline_chart_in_the_local_chat_carries_a_picture_that_is_served()
    {
        await using var app = await SalesBotApp.StartAsync();
        var team = new Team(app);
        await team.Ann("deal new Acme 50k close 2026-12-18");
        var report = await team.Maria("pipeline this quarter");
        var chartButton = Assert.Single(report.Buttons, b => b.Label == "Chart");
        Assert.Equal("pipeline fy2026-q4 chart", chartButton.Command);
        var answer = await team.Click("u-maria", chartButton);
        Assert.NotNull(answer.Chart);
        Assert.Contains(answer.Chart.Stages, s => s.Label == "Prospecting" && s.Value == 50_000);
        using var client = app.CreateClient();
        using var png = await client.GetAsync(answer.Chart.ImageUrl);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
    }

    [Fact]
    public async Task Pipeline_chart_on_slack_is_uploaded_into_the_conversation()
    {
        await using var h = await SlackHarness.StartAsync(new() { ["Tenants:Defaults:Managers:0"] = "UANN" });
        await h.CommandAsync("new Acme 50k close 2026-12-18");
        await h.PostFormAsync("/api/slack/commands", SlackRequests.CommandForm("this quarter chart", command: "/pipeline"));
        await h.App.Service<InboundPipeline>().WhenIdleAsync();

        var slot = Assert.Single(h.Slack.Delivered("files.getUploadURLExternal"));
        Assert.Contains("filename=pipeline.png", slot.Body);
        var complete = Assert.Single(h.Slack.Delivered("files.completeUploadExternal")).Json;
        Assert.Equal("C1", complete.GetProperty("channel_id").GetString());
        Assert.Equal("F-UP1", complete.GetProperty("files")[0].GetProperty("id").GetString());
        using var uploaded = SKBitmap.Decode(h.Slack.Uploads["F-UP1"]);
        Assert.Equal(ChartRenderer.Width, uploaded.Width);
    }

    [Fact]
    public async Task Pipeline_chart_on_teams_is_a_card_image_whose_address_the_bot_serves_only_signed()
    {
        await using var h = await TeamsHarness.StartAsync(new()
        {
            ["PublicUrl"] = "https://salesbot.example.test",
            ["Tenants:Defaults:Managers:0"] = "6d415fdd-f97e-4f70-ac45-e69601e4ecb2",
        });
        var activity = h.BotFramework.PersonalMessage("pipeline this quarter chart", "2001");
        using var response = await h.PostAsync(activity);
        var reply = (await h.BotFramework.NextAsync()).Json;
        var image = reply.GetProperty("attachments")[0].GetProperty("content").GetProperty("body").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "Image");
        var url = image.GetProperty("url").GetString()!;
        Assert.StartsWith("https://salesbot.example.test/api/charts/", url);
        using var client = h.App.CreateClient();
        var path = new Uri(url).AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path.Replace(".png", "x.png", StringComparison.Ordinal))).StatusCode);
    }
}
