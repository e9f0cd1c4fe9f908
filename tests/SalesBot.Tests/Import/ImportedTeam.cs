using SalesBot.Import;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Import;

/// <summary>
/// A team's existing pipeline as another CRM exports it, backdated the way real data is: deals stuck in a stage for
/// weeks, deals won and lost this quarter and last year, owners named by display name.
/// </summary>
internal static class ImportedTeam
{
    public const string Header = "Id,Name,Amount,Currency,Segment,Stage,Status,Owner,Expected close,Created,Stage entered,Closed,Lost reason";

    /// <summary>Rows, as of Friday 27 November 2026 (<see cref="SalesBotApp.Start"/>).</summary>
    public static readonly string[] Rows =
    [
        // Stuck in Present offer since 5 October: mid-market limit 10 business days, long over.
        "X-1,Nordlys Energi,400000,DKK,mid,Present offer,open,Ann Berg,2026-12-18,2026-08-03 09:00:00,2026-10-05 09:00:00,,",
        // Stuck in Contact since 20 October: SMB limit 3.
        "X-2,Fjord Shipping,80000,DKK,smb,Contact,open,Bob Dahl,2027-02-15,2026-09-01 09:00:00,2026-10-20 09:00:00,,",
        // Entered Prospecting a week ago: enterprise limit 15, not stalled.
        "X-3,Hav Data,900000,DKK,enterprise,Prospecting,open,Ann Berg,2026-12-30,2026-11-20 09:00:00,2026-11-20 09:00:00,,",
        // Won and lost this quarter.
        "X-4,Skov Retail,300000,DKK,mid,Handle objections,won,Ann Berg,2026-11-10,2026-06-01 09:00:00,2026-10-12 09:00:00,2026-11-10 12:00:00,",
        "X-5,Bro Logistics,100000,DKK,smb,Identify need,lost,Bob Dahl,2026-10-30,2026-07-01 09:00:00,2026-09-01 09:00:00,2026-10-15 12:00:00,chose a competitor",
        // Won last year: part of the trailing twelve months.
        "X-6,Klit Foods,200000,DKK,mid,Present offer,won,Bob Dahl,2026-03-31,2025-12-01 09:00:00,2026-02-02 09:00:00,2026-03-20 12:00:00,",
    ];

    public static async Task<ImportResult> ImportAsync(SalesBotApp app, string tenant, IEnumerable<string>? rows = null, CsvMapping? mapping = null, bool skipBadRows = false)
    {
        using var reader = new StringReader(string.Join('\n', new[] { Header }.Concat(rows ?? Rows)));
        return await app.Service<DealImporter>().ImportAsync(tenant, reader, mapping, skipBadRows, TextWriter.Null, CancellationToken.None);
    }

    /// <summary>Ann and Bob write to the bot before the import, as they would on the first day.</summary>
    public static async Task MeetPeopleAsync(SalesBotApp app, string tenant)
    {
        await app.SayAsync("deal help", "u-ann", "Ann Berg", tenant);
        await app.SayAsync("deal help", "u-bob", "Bob Dahl", tenant);
    }
}
