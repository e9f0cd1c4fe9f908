using SalesBot.Deals;
using SalesBot.Tenants;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Deals;

/// <summary>Danish public holidays, computed, against the published dates.</summary>
public class HolidayCalendarTests
{
    [Theory]
    [InlineData(2026, "2026-01-01 2026-04-02 2026-04-03 2026-04-05 2026-04-06 2026-05-14 2026-05-24 2026-05-25 2026-12-25 2026-12-26")]
    [InlineData(2027, "2027-01-01 2027-03-25 2027-03-26 2027-03-28 2027-03-29 2027-05-06 2027-05-16 2027-05-17 2027-12-25 2027-12-26")]
    [InlineData(2028, "2028-01-01 2028-04-13 2028-04-14 2028-04-16 2028-04-17 2028-05-25 2028-06-04 2028-06-05 2028-12-25 2028-12-26")]
    [InlineData(2029, "2029-01-01 2029-03-29 2029-03-30 2029-04-01 2029-04-02 2029-05-10 2029-05-20 2029-05-21 2029-12-25 2029-12-26")]
    [InlineData(2030, "2030-01-01 2030-04-18 2030-04-19 2030-04-21 2030-04-22 2030-05-30 2030-06-09 2030-06-10 2030-12-25 2030-12-26")]
    public void The_danish_holidays_of_a_year_are_the_published_ones(int year, string dates) =>
        Assert.Equal(dates.Split(' ').Select(DateOnly.Parse), HolidayCalendars.DanishHolidays(year));

    [Fact]
    public void Store_bededag_is_a_holiday_until_2023_and_a_working_day_from_2024()
    {
        Assert.Contains(new DateOnly(2023, 5, 5), HolidayCalendars.DanishHolidays(2023));
        Assert.DoesNotContain(new DateOnly(2026, 5, 1), HolidayCalendars.DanishHolidays(2026));
        Assert.DoesNotContain(new DateOnly(2027, 4, 23), HolidayCalendars.DanishHolidays(2027));
    }

    [Theory]
    [InlineData("2027-03-24", "2027-03-31", 2)] // Easter 2027: Thu, Fri and Mon off; Tue and Wed count
    [InlineData("2026-12-23", "2027-01-04", 6)] // Christmas 2026 (Fri 25 Dec) and New Year (Fri 1 Jan) off
    [InlineData("2026-04-30", "2026-05-04", 2)] // the former store bededag (Fri 1 May 2026) is a working day
    public void Business_days_skip_the_danish_holidays(string from, string to, int days) =>
        Assert.Equal(days, BusinessDays.Between(DateOnly.Parse(from), DateOnly.Parse(to), HolidayCalendars.For("DK", 2026, 2027).ToArray()));

    [Fact]
    public async Task A_team_on_the_danish_calendar_counts_its_holidays_out_beside_its_own_days()
    {
        await using var app = await SalesBotApp.StartAsync(new()
        {
            ["Tenants:dk-team:HolidayCalendar"] = "DK",
            ["Tenants:dk-team:Holidays:0"] = "2026-12-24",
        });

        var settings = await app.Service<TenantSettingsProvider>().GetAsync("dk-team");

        Assert.Contains(new DateOnly(2026, 12, 24), settings.Holidays);
        Assert.Contains(new DateOnly(2027, 3, 26), settings.Holidays);
        Assert.DoesNotContain(new DateOnly(2026, 12, 24), (await app.Service<TenantSettingsProvider>().GetAsync("other-team")).Holidays);
    }

    [Fact]
    public void An_unknown_calendar_fails_the_start_up_validation_naming_the_setting()
    {
        var options = new TenantsOptions();
        options.Tenants["dk-team"] = new TenantOptions { HolidayCalendar = "Narnia" };

        var result = new TenantsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Tenants:dk-team:HolidayCalendar 'Narnia' is not a known calendar (known: DK)", result.FailureMessage);
    }
}
