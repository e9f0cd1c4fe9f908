using System.Diagnostics;
using SalesBot.Deals;
using SalesBot.Reminders;
using SalesBot.Tenants;

namespace SalesBot.Import;

public sealed record ImportResult(int Imported, int AlreadyThere, IReadOnlyList<RowError> Errors, bool Applied);

/// <summary>
/// Brings a CSV export from another CRM into a team. The whole file is checked first: with any bad row nothing is
/// imported (unless bad rows are to be skipped). Each row is one deal creation whose operation id is the row's key (the
/// file's deal id, else name and created date), so importing the same file again adds nothing.
/// </summary>
public sealed class DealImporter(IDealStore store, TenantSettingsProvider tenants, IUserDirectory directory, ReminderScheduler scheduler, TimeProvider clock)
{
    public async Task<ImportResult> ImportAsync(string tenant, TextReader file, CsvMapping? mapping, bool skipBadRows, TextWriter progress, CancellationToken ct)
    {
        var team = await tenants.GetAsync(tenant, ct);
        var owners = new Dictionary<string, UserRef>(StringComparer.OrdinalIgnoreCase);
        var (rows, errors) = CsvDeals.Read(file, mapping, team, name => owners.TryGetValue(name, out var u) ? u : owners[name] = new UserRef(OwnerId(name), name), clock.GetUtcNow());
        if (errors.Count > 0 && !skipBadRows)
        {
            return new ImportResult(0, 0, errors, Applied: false);
        }

        foreach (var owner in owners.Values)
        {
            var known = await directory.FindAsync(tenant, owner.Name, ct);
            if (!known.Any(u => u.Id == owner.Id))
            {
                await directory.RememberAsync(tenant, owner, null, ct);
            }
        }

        var imported = 0;
        var already = 0;
        var watch = Stopwatch.StartNew();
        var problems = errors.ToList();
        foreach (var row in rows)
        {
            switch (await CreateAsync(tenant, row, ct))
            {
                case WriteOutcome.Applied { Replayed: true }:
                    already++;
                    break;
                case WriteOutcome.Applied applied:
                    imported++;
                    await scheduler.AfterChangeAsync(team, applied.Snapshot.Deal, ct);
                    break;
                case WriteOutcome.NameTaken:
                    problems.Add(new RowError(row.Row, "name", row.Deal.Name, "an open deal with this name already exists in the team"));
                    break;
                default:
                    problems.Add(new RowError(row.Row, "", row.Deal.Name, "could not be stored; try again"));
                    break;
            }

            var done = imported + already;
            if (done % 100 == 0 && done > 0)
            {
                await progress.WriteLineAsync($"  {done}/{rows.Count} rows ({done / Math.Max(watch.Elapsed.TotalSeconds, 0.001):F0} rows/s)");
            }
        }

        return new ImportResult(imported, already, problems, Applied: true);
    }

    /// <summary>Stores one row; a generated id that happens to be taken is replaced, as for a deal typed in chat.</summary>
    private async Task<WriteOutcome> CreateAsync(string tenant, ImportRow row, CancellationToken ct)
    {
        var deal = row.Deal;
        for (var attempt = 0; ; attempt++)
        {
            var change = new DealChange(deal, new DealEvent(1, deal.CreatedAt, deal.Owner, DealEventKind.Created, To: deal.Stage, Text: "imported"));
            var outcome = await store.CreateAsync(tenant, change, "import|" + row.Key, ct);
            if (outcome is not WriteOutcome.IdTaken || attempt == 4)
            {
                return outcome;
            }

            deal = deal with { Id = DealIds.New() };
        }
    }

    public async Task<int> ExportAsync(string tenant, TextWriter file, CancellationToken ct)
    {
        var team = await tenants.GetAsync(tenant, ct);
        var deals = await store.ListAsync(tenant, new DealQuery(OpenOnly: false, Max: 1_000_000), ct);
        CsvDeals.Write(file, deals, team);
        return deals.Count;
    }

    private static string OwnerId(string name) => name.Contains('@', StringComparison.Ordinal)
        ? name.ToLowerInvariant()
        : TextKey.Normalize(name).Replace(' ', '.');
}
