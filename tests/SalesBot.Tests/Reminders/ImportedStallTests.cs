using SalesBot.DevChat;
using SalesBot.Reminders;
using SalesBot.Tests.Import;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Reminders;

/// <summary>Deals imported long after they stalled: one nudge now, the next one a repeat interval later, on any number of instances.</summary>
public class ImportedStallTests
{
    /// <summary>Wednesday 2 December 2026, 09:00 in Copenhagen: three business days after the import on Friday 27 November.</summary>
    private static readonly DateTimeOffset ThreeBusinessDaysLater = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_deal_stalled_for_weeks_is_nudged_once_now_and_again_only_a_repeat_interval_later(int instances)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..16];
        var apps = new List<SalesBotApp>();
        for (var i = 0; i < instances; i++)
        {
            apps.Add(await SalesBotApp.StartAsync(tablePrefix: prefix));
        }

        try
        {
            var tenant = AppFixture.NewTenant();
            await ImportedTeam.MeetPeopleAsync(apps[0], tenant);
            Assert.Empty((await ImportedTeam.ImportAsync(apps[0], tenant)).Errors);

            async Task ScanAllAsync(DateTimeOffset at)
            {
                foreach (var app in apps)
                {
                    app.Clock.SetUtcNow(at);
                }

                await Task.WhenAll(apps.Select(a => a.Service<ReminderScanner>().ScanAsync(CancellationToken.None)));
            }

            DevDelivery[] Delivered() => apps.SelectMany(a => a.Service<DevInbox>().For(tenant)).ToArray();

            // The scanner runs every minute through the day; the repair sweep runs in the first scan.
            foreach (var later in new[] { 0, 2, 4, 60, 120, 3600, 6 * 3600 })
            {
                await ScanAllAsync(SalesBotApp.Start.AddSeconds(later));
            }

            var first = Delivered();
            Assert.Equal(["Fjord Shipping", "Nordlys Energi"], first.Select(d => d.Reply.Lead!.Split(" has been")[0]).Order());
            Assert.Equal(["u-ann", "u-bob"], first.Select(d => d.UserId).Order());

            // Monday and Tuesday: nothing new.
            await ScanAllAsync(ThreeBusinessDaysLater.AddDays(-2));
            await ScanAllAsync(ThreeBusinessDaysLater.AddDays(-1));
            Assert.Equal(2, Delivered().Length);

            // Wednesday: the second nudge, once.
            await ScanAllAsync(ThreeBusinessDaysLater);
            await ScanAllAsync(ThreeBusinessDaysLater.AddSeconds(2));
            await ScanAllAsync(ThreeBusinessDaysLater.AddHours(1));
            Assert.Equal(4, Delivered().Length);

            var shown = await apps[0].SayAsync("deal show Nordlys", "u-ann", "Ann Berg", tenant);
            Assert.Single(shown.Items, i => i.Contains("(reminder 1)", StringComparison.Ordinal) && i.Contains("27 Nov", StringComparison.Ordinal));
            Assert.Single(shown.Items, i => i.Contains("(reminder 2)", StringComparison.Ordinal) && i.Contains("2 Dec", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
