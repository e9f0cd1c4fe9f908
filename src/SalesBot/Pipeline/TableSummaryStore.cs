using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SalesBot.Storage;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>
/// Summary rows (<c>sum|b|…</c>), the pending changes every deal write adds (<c>sum|d|{deal}|{version}</c>) and a
/// generation row (<c>sum|gen</c>: the settings the sums were counted under, and an ETag every fold and count changes),
/// all in the team's partition. A read is consistent when the generation row is the same before and after it: no fold
/// moved changes into the summary rows in between, so each change is counted exactly once.
/// </summary>
internal sealed class TableSummaryStore(TableStorage storage, TimeProvider clock) : IPipelineSums
{
    /// <summary>A count claimed longer ago than this is taken to have stopped with its instance, and may be claimed again.</summary>
    private static readonly TimeSpan CountAbandoned = TimeSpan.FromMinutes(15);

    private const string Ready = "ready";
    private const string Counting = "counting";

    private TableClient Deals => storage.Table(TableStorage.DealsTable);

    public Task<PipelineSums?> ReadAsync(TenantSettings tenant, string owner, DateOnly firstMonth, DateOnly lastMonth, CancellationToken ct)
    {
        var open = SummaryEntities.Base(PipelineCube.OpenRows(owner));
        var closed = SummaryEntities.Base(PipelineCube.ClosedRows(owner));
        return ReadAsync(tenant, [(open, Keys.UpperBound(open)), (closed + Month(firstMonth), closed + Month(lastMonth) + "~")], ct);
    }

    public Task<PipelineSums?> ReadOpenAsync(TenantSettings tenant, string owner, CancellationToken ct)
    {
        var open = SummaryEntities.Base(PipelineCube.OpenRows(owner));
        return ReadAsync(tenant, [(open, Keys.UpperBound(open))], ct);
    }

    public Task<PipelineSums?> ReadWonTimesAsync(TenantSettings tenant, DateOnly firstMonth, DateOnly lastMonth, CancellationToken ct)
    {
        var won = SummaryEntities.Base(PipelineCube.WonTimesRows);
        return ReadAsync(tenant, [(won + Month(firstMonth), won + Month(lastMonth) + "~")], ct);
    }

    private static string Month(DateOnly month) => month.ToString("yyyyMM", CultureInfo.InvariantCulture);

    /// <summary>The summary rows of the key ranges, with every pending change added.</summary>
    private Task<PipelineSums?> ReadAsync(TenantSettings tenant, (string Low, string High)[] ranges, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant.Tenant);
        var basis = PipelineCube.Basis(tenant);
        return storage.RunAsync(async () =>
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (await GenerationAsync(pk, ct) is not { } before || before.GetString("State") != Ready || before.GetString("Basis") != basis)
                {
                    return null;
                }

                var sums = new CubeRows();
                foreach (var (low, high) in ranges)
                {
                    await foreach (var e in RangeAsync(pk, low, high, ct))
                    {
                        AddBase(sums, e);
                    }
                }

                var pending = 0;
                await foreach (var e in PrefixAsync(pk, SummaryEntities.DeltaPrefix, ct))
                {
                    if (e.GetString("Basis") != basis)
                    {
                        return null;
                    }

                    sums.Add(SummaryEntities.ReadDelta(e));
                    pending++;
                }

                if (await GenerationAsync(pk, ct) is { } after && after.ETag == before.ETag)
                {
                    return new PipelineSums(sums, pending);
                }
            }

            return null;
        }, ct);
    }

    public Task<int> FoldAsync(string tenant, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        return storage.RunAsync(async () =>
        {
            var folded = 0;
            while (true)
            {
                if (await GenerationAsync(pk, ct) is not { } gen || gen.GetString("State") != Ready)
                {
                    return folded;
                }

                var basis = gen.GetString("Basis");
                var deltas = new List<(TableEntity Row, CubeRows Delta)>();
                await foreach (var e in PrefixAsync(pk, SummaryEntities.DeltaPrefix, ct))
                {
                    if (e.GetString("Basis") != basis)
                    {
                        // Counted under other settings: only counting again from the deals makes the sums right.
                        return folded;
                    }

                    deltas.Add((e, SummaryEntities.ReadDelta(e)));
                    if (deltas.Count == TransactionLimits.MaxActions)
                    {
                        break;
                    }
                }

                if (deltas.Count == 0)
                {
                    return folded;
                }

                // As many changes as fit one transaction with the generation row and the summary rows they touch.
                var touched = new HashSet<string>(StringComparer.Ordinal);
                var chosen = new List<(TableEntity Row, CubeRows Delta)>();
                foreach (var d in deltas)
                {
                    var rows = touched.Union(d.Delta.Rows.Keys).Count();
                    if (chosen.Count > 0 && 1 + rows + chosen.Count + 1 > TransactionLimits.MaxActions)
                    {
                        break;
                    }

                    touched.UnionWith(d.Delta.Rows.Keys);
                    chosen.Add(d);
                }

                var read = new Dictionary<string, TableEntity?>(StringComparer.Ordinal);
                List<TableTransactionAction> actions;
                while (true)
                {
                    var sums = new CubeRows();
                    var existing = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var row in touched)
                    {
                        if (!read.TryGetValue(row, out var found))
                        {
                            var e = await Deals.GetEntityIfExistsAsync<TableEntity>(pk, SummaryEntities.Base(row), cancellationToken: ct);
                            found = read[row] = e.HasValue ? e.Value : null;
                        }

                        if (found is not null)
                        {
                            existing.Add(row);
                            AddBase(sums, found);
                        }
                    }

                    foreach (var d in chosen)
                    {
                        sums.Add(d.Delta);
                    }

                    actions = [NextGeneration(pk, gen, Ready, basis), .. BaseActions(pk, touched, existing, sums)];
                    actions.AddRange(chosen.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, d.Row, ETag.All)));

                    // Big summary rows: fewer changes at a time, so the transaction stays within its size.
                    if (chosen.Count == 1 || actions.Sum(TransactionLimits.Size) <= TransactionLimits.MaxBytes)
                    {
                        break;
                    }

                    chosen = chosen[..(chosen.Count / 2)];
                    touched = chosen.SelectMany(d => d.Delta.Rows.Keys).ToHashSet(StringComparer.Ordinal);
                }

                try
                {
                    await Deals.SubmitTransactionAsync(actions, ct);
                }
                catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
                {
                    // Another instance folded (or counted) first.
                    return folded;
                }

                folded += chosen.Count;
            }
        }, ct);
    }

    public Task DropAsync(string tenant, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        return storage.RunAsync(async () =>
        {
            var rows = new List<TableTransactionAction>();
            await foreach (var e in PrefixAsync(pk, SummaryEntities.Prefix, ct, ["PartitionKey", "RowKey"]))
            {
                rows.Add(new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All));
            }

            // The generation row goes first: from then on readers count from the deals and folds stop.
            rows.Sort((a, b) => (b.Entity.RowKey == SummaryEntities.Generation).CompareTo(a.Entity.RowKey == SummaryEntities.Generation));
            foreach (var chunk in rows.Chunk(TransactionLimits.MaxActions))
            {
                try
                {
                    await Deals.SubmitTransactionAsync(chunk, ct);
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    // Folded away meanwhile; what is left goes one by one.
                    foreach (var row in chunk)
                    {
                        await Deals.DeleteEntityAsync(row.Entity.PartitionKey, row.Entity.RowKey, ETag.All, ct);
                    }
                }
            }

            return true;
        }, ct);
    }

    public Task<bool> RecountAsync(TenantSettings tenant, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant.Tenant);
        var basis = PipelineCube.Basis(tenant);
        return storage.RunAsync(async () =>
        {
            // Claim the count: readers count from the deals meanwhile, folds wait.
            var gen = await GenerationAsync(pk, ct);
            if (gen?.GetString("State") == Counting && gen.GetDateTimeOffset("Since") is { } since && clock.GetUtcNow() - since < CountAbandoned)
            {
                return false;
            }

            TableEntity claim;
            try
            {
                claim = (TableEntity)NextGeneration(pk, gen, Counting, basis).Entity;
                claim["Since"] = clock.GetUtcNow();
                var response = gen is null
                    ? await Deals.AddEntityAsync(claim, ct)
                    : await Deals.UpdateEntityAsync(claim, gen.ETag, TableUpdateMode.Replace, ct);
                claim.ETag = response.Headers.ETag ?? default;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                return false;
            }

            var sums = new CubeRows();
            var versions = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var e in PrefixAsync(pk, Keys.DealPrefix, ct))
            {
                var deal = DealEntities.ToDeal(e);
                versions[deal.Id] = deal.Version;
                sums.Add(PipelineCube.Of(deal, tenant));
            }

            var stale = new List<string>();
            await foreach (var e in PrefixAsync(pk, SummaryEntities.BasePrefix, ct, ["PartitionKey", "RowKey"]))
            {
                var row = e.RowKey[SummaryEntities.BasePrefix.Length..];
                if (!sums.Rows.ContainsKey(row))
                {
                    stale.Add(row);
                }
            }

            var actions = BaseActions(pk, sums.Rows.Keys.Concat(stale), stale.ToHashSet(StringComparer.Ordinal), sums).ToList();

            // Changes the deals read already show are dropped; later ones stay pending on top of the new sums.
            await foreach (var e in PrefixAsync(pk, SummaryEntities.DeltaPrefix, ct, ["PartitionKey", "RowKey", "DealId", "Version"]))
            {
                if (versions.TryGetValue(e.GetString("DealId") ?? "", out var seen) && (e.GetInt32("Version") ?? 0) <= seen)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All));
                }
            }

            await SubmitAllAsync(actions, ct);
            try
            {
                await Deals.UpdateEntityAsync(NextGeneration(pk, claim, Ready, basis).Entity, claim.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                return false;
            }
        }, ct);
    }

    private static TableTransactionAction NextGeneration(string pk, TableEntity? gen, string state, string? basis)
    {
        var next = new TableEntity(pk, SummaryEntities.Generation)
        {
            ["State"] = state,
            ["Basis"] = basis,
            ["Generation"] = (gen?.GetInt64("Generation") ?? 0) + 1,
        };
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, gen?.ETag ?? ETag.All);
    }

    /// <summary>Each row written as summed, or deleted when nothing is left in it (and it existed).</summary>
    private static IEnumerable<TableTransactionAction> BaseActions(string pk, IEnumerable<string> rows, IReadOnlySet<string> existing, CubeRows sums)
    {
        foreach (var row in rows.Distinct(StringComparer.Ordinal))
        {
            if (sums.Rows.TryGetValue(row, out var cells) && cells.Count > 0)
            {
                var names = sums.Names.Where(n => cells.Keys.Any(k => k.Contains(Uri.EscapeDataString(n.Key), StringComparison.Ordinal)) || row.Contains(Uri.EscapeDataString(n.Key), StringComparison.Ordinal))
                    .ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
                yield return new TableTransactionAction(TableTransactionActionType.UpsertReplace, SummaryEntities.BaseRow(pk, row, cells, names));
            }
            else if (existing.Contains(row))
            {
                yield return new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, SummaryEntities.Base(row)), ETag.All);
            }
        }
    }

    private async Task SubmitAllAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct)
    {
        var batch = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var action in actions)
        {
            var size = TransactionLimits.Size(action);
            if (batch.Count == TransactionLimits.MaxActions || (batch.Count > 0 && bytes + size > TransactionLimits.MaxBytes))
            {
                await Deals.SubmitTransactionAsync(batch, ct);
                batch = [];
                bytes = 0;
            }

            batch.Add(action);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            await Deals.SubmitTransactionAsync(batch, ct);
        }
    }

    private async Task<TableEntity?> GenerationAsync(string pk, CancellationToken ct)
    {
        var gen = await Deals.GetEntityIfExistsAsync<TableEntity>(pk, SummaryEntities.Generation, cancellationToken: ct);
        return gen.HasValue ? gen.Value : null;
    }

    /// <summary>A summary row as stored, into <paramref name="sums"/> (its key without the prefix).</summary>
    private static void AddBase(CubeRows sums, TableEntity e)
    {
        var (cells, names) = SummaryEntities.ReadBase(e);
        sums.Rows[e.RowKey[SummaryEntities.BasePrefix.Length..]] = cells;
        foreach (var (id, name) in names)
        {
            sums.Names[id] = name;
        }
    }

    private IAsyncEnumerable<TableEntity> PrefixAsync(string pk, string prefix, CancellationToken ct, IEnumerable<string>? select = null) =>
        RangeAsync(pk, prefix, Keys.UpperBound(prefix), ct, select);

    private IAsyncEnumerable<TableEntity> RangeAsync(string pk, string low, string high, CancellationToken ct, IEnumerable<string>? select = null) =>
        Deals.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}"), maxPerPage: 1000, select: select, cancellationToken: ct);
}
