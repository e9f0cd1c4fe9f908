using System.Net.Http.Json;
using SalesBot.Messaging;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Danish;

/// <summary>Amounts and dates in the reader's language: a Dane reads "1.250.000" and "31. dec. 2026".</summary>
public class DanishFormatTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<Reply> SayAsync(string tenant, string text, string locale)
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/dev/messages", new { tenant, user = "u-ann", userName = "Ann", text, locale });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Reply>(SalesBotApp.Json))!;
    }

    [Fact]
    public async Task A_danish_reader_gets_danish_separators_and_dates_an_english_one_english()
    {
        var tenant = AppFixture.NewTenant();

        var danish = await SayAsync(tenant, "deal new Vestas Service 1250000 close 2026-12-31", "da-DK");
        var english = await SayAsync(tenant, "deal show Vestas Service", "en-US");

        Assert.Contains("DKK 1.250.000", danish.Text, StringComparison.Ordinal);
        Assert.Contains("31. dec. 2026", danish.Text, StringComparison.Ordinal);
        Assert.Contains(english.Fields, f => f.Value == "DKK 1,250,000");
        Assert.Contains(english.Fields, f => f.Value == "31 Dec 2026");
    }

    [Fact]
    public async Task Danish_amounts_keep_their_decimals_and_other_currencies_their_code()
    {
        var tenant = AppFixture.NewTenant();

        var reply = await SayAsync(tenant, "deal new Nordic Pilot EUR 12500.50 close 2027-05-01", "da");

        Assert.Contains("EUR 12.500,50", reply.Text, StringComparison.Ordinal);
        Assert.Contains("1. maj 2027", reply.Text, StringComparison.Ordinal);
    }
}
