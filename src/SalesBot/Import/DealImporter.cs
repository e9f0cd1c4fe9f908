using System.Diagnostics;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Import;

internal sealed record ImportResult(int Imported, int AlreadyThere, IReadOnlyList<RowError> Errors, bool Applied);

/// <summary>
/// Brings a CSV export from another CRM into a team. The whole file is checked first, owners included (each must match
/// a person SalesBot knows): with any bad row nothing is imported (unless bad rows are to be skipped). Each row is one
/// deal creation, with its past as history, whose operation id is the row's key (the file's deal id, else name and
/// created date), so importing the same file again, or again after a run that stopped half-way, adds nothing. Rows go
/// in many to a transaction; a row whose transaction is refused is retried alone, which says why.
/// </summary>
internal sealed class DealImporter(IDealStore store, DealWriter writer, TenantSettingsProvider tenants, IUserDirectory directory, OwnerMatcher matcher, TimeProvider clock)
{
    /// <summary>Rows are written in batches of this many, with a progress line after each.</summary>
    public const int ProgressEvery = 500;

    private const string OperationPrefix = "import|";

    /// <param name="owners">Owner names or e-mails in the file → user ids; wins over the mapping file's own list.</param>
    public async Task<ImportResult> ImportAsync(
        string tenant, TextReader file, CsvMapping? mapping, bool skipBadRows, TextWriter progress, CancellationToken ct,
        IReadOnlyDictionary<string, string>? owners = null)
    {
        var team = await tenants.GetAsync(tenant, ct);
        var (read, errors, used) = CsvDeals.Read(file, mapping, team, clock.GetUtcNow());
        var rows = new List<ImportRow>();
        if (used is not null)
        {
            var explicitOwners = new Dictionary<string, string>(used.Owners, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, id) in owners ?? new Dictionary<string, string>())
            {
                explicitOwners[name] = id;
            }

            var matches = new Dictionary<(string?, string?), OwnerMatcher.Match>();
            foreach (var row in read)
            {
                if (!matches.TryGetValue((row.OwnerText, row.OwnerId), out var match))
                {
                    match = matches[(row.OwnerText, row.OwnerId)] = await matcher.MatchAsync(tenant, row.OwnerText, row.OwnerId, explicitOwners, ct);
                }

                if (match.User is { } user)
                {
                    rows.Add(row with { Deal = row.Deal with { Owner = user } });
                }
                else
                {
                    errors.Add(new RowError(row.Row, row.OwnerId is null ? used.Owner ?? "" : used.OwnerId ?? "", row.OwnerText ?? row.OwnerId ?? "", match.Problem!));
                }
            }

            // Stable, so a row's cell problems keep the file's column order.
            errors = [.. errors.OrderBy(e => e.Row)];
            foreach (var ((text, id), match) in matches.Where(m => m.Value.User is not null))
            {
                await progress.WriteLineAsync($"  owner \"{text ?? id}\" → {match.User!.Name} ({match.User.Id}), by {match.How}");
                if (match.Remember && (errors.Count == 0 || skipBadRows))
                {
                    await directory.RememberAsync(tenant, match.User, null, null, null, ct);
                }
            }
        }

        if (errors.Count > 0 && !skipBadRows)
        {
            return new ImportResult(0, 0, errors, Applied: false);
        }

        // Rows a run before this one stored (it may have stopped half-way) are found in one read and not sent again.
        var stored = await store.OperationsAsync(tenant, OperationPrefix, ct);
        var todo = rows.Where(r => !stored.Contains(OperationPrefix + r.Key)).ToArray();
        var before = rows.Count - todo.Length;
        if (before > 0)
        {
            await progress.WriteLineAsync($"  {before} of {rows.Count} rows were imported before; importing the other {todo.Length}");
        }

        var already = before;
        var imported = 0;
        var watch = Stopwatch.StartNew();
        var problems = errors.ToList();
        var sent = 0;
        foreach (var chunk in todo.Chunk(ProgressEvery))
        {
            var deals = chunk.Select(r => new DealCreation(DealRules.Imported(r.Deal, team.Process), OperationPrefix + r.Key)).ToArray();
            var written = await writer.CreateManyAsync(tenant, deals, ct);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (written[i])
                {
                    imported++;
                    continue;
                }

                // Its batch was refused: alone, the row is written, or found written before, or reported.
                var row = chunk[i];
                var deal = row.Deal;
                switch (await writer.CreateAsync(tenant, id => DealRules.Imported(deal with { Id = id }, team.Process), OperationPrefix + row.Key, ct, firstId: deal.Id))
                {
                    case WriteResult.AlreadyWritten:
                        already++;
                        break;
                    case WriteResult.Written:
                        imported++;
                        break;
                    case WriteResult.NameTaken:
                        problems.Add(new RowError(row.Row, "name", row.Deal.Name, "an open deal with this name already exists in the team"));
                        break;
                    default:
                        problems.Add(new RowError(row.Row, "", row.Deal.Name, "could not be stored; try again"));
                        break;
                }
            }

            sent += chunk.Length;
            await progress.WriteLineAsync($"  {before + sent}/{rows.Count} rows ({imported / Math.Max(watch.Elapsed.TotalSeconds, 0.001):F0} rows/s)");
        }

        return new ImportResult(imported, already, problems, Applied: true);
    }

    public async Task<int> ExportAsync(string tenant, TextWriter file, CancellationToken ct)
    {
        var team = await tenants.GetAsync(tenant, ct);
        var deals = await store.ListAsync(tenant, new DealQuery(OpenOnly: false, Max: 1_000_000), ct);
        CsvDeals.Write(file, deals, team);
        return deals.Count;
    }
}
