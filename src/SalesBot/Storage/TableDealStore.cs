using Azure;
using Azure.Data.Tables;
using SalesBot.Deals;

namespace SalesBot.Storage;

/// <summary>
/// Deals in one partition per tenant. Each change is one entity-group transaction: the deal row (If-Match on its
/// ETag), its index rows, its history event and an operation row whose key is the operation id. A retried or
/// redelivered write fails on that operation row (or on the ETag) and is then recognised as already applied.
/// </summary>
internal sealed class TableDealStore(TableStorage storage, SharedTransactions transactions, DealCache cache, TimeProvider clock, IEnumerable<IDealChangeRows> featureRows) : IDealStore
{
    private enum Role
    {
        Deal,
        NameRemoved,
        NameAdded,
        Word,
        History,
        Operation,
        View,
        Feature,
    }

    private TableClient Deals => storage.Table(TableStorage.DealsTable);

    public Task<DealSnapshot?> GetAsync(string tenant, string dealId, bool mayUseCache, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        if (mayUseCache && cache.Get(pk, dealId) is { } cached)
        {
            return Task.FromResult<DealSnapshot?>(cached);
        }

        return storage.RunAsync(() => ReadDealAsync(pk, dealId, ct), ct);
    }

    public DealSnapshot? Recent(string tenant, string dealId) => cache.Get(Keys.Partition(tenant), dealId);

    public Task<DealSnapshot?> FindOpenByNameAsync(string tenant, string normalizedName, bool mayUseCache, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        return storage.RunAsync(async () =>
        {
            if (mayUseCache && cache.IdForName(pk, normalizedName) is { } id && cache.Get(pk, id) is { } cached
                && cached.Deal.IsOpen && TextKey.Normalize(cached.Deal.Name) == normalizedName)
            {
                return cached;
            }

            var row = await Deals.GetEntityIfExistsAsync<TableEntity>(pk, Keys.Name(normalizedName), cancellationToken: ct);
            return row.HasValue && row.Value is { } nameRow ? await ReadDealAsync(pk, nameRow.GetString("DealId"), ct) : null;
        }, ct);
    }

    public Task<IReadOnlyList<DealName>> FindByWordPrefixAsync(string tenant, string wordPrefix, int max, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var low = Keys.WordPrefix(wordPrefix);
        var high = Keys.UpperBound(low);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}");
        return storage.RunAsync<IReadOnlyList<DealName>>(async () =>
        {
            var found = new Dictionary<string, DealName>(StringComparer.Ordinal);
            await foreach (var e in Deals.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["DealId", "Name"], cancellationToken: ct))
            {
                found.TryAdd(e.GetString("DealId"), new DealName(e.GetString("DealId"), e.GetString("Name")));
                if (found.Count >= max)
                {
                    break;
                }
            }

            return found.Values.ToArray();
        }, ct);
    }

    public Task<IReadOnlyList<Deal>> ListAsync(string tenant, DealQuery query, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var low = query.OpenOnly ? Keys.OpenPrefix : Keys.DealPrefix;
        var high = Keys.UpperBound(low);
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}") };

        if (query.OwnerId is { } owner)
        {
            filters.Add(TableClient.CreateQueryFilter($"OwnerId eq {owner}"));
        }

        if (query.Stage is { } stage)
        {
            filters.Add(TableClient.CreateQueryFilter($"Stage eq {stage}"));
        }

        var filter = string.Join(" and ", filters);
        return storage.RunAsync<IReadOnlyList<Deal>>(async () =>
        {
            var deals = new List<Deal>();
            await foreach (var e in Deals.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(query.Max, 1000), cancellationToken: ct))
            {
                deals.Add(DealEntities.ToDeal(e));
                if (deals.Count >= query.Max)
                {
                    break;
                }
            }

            return deals;
        }, ct);
    }

    public Task<IReadOnlyList<Deal>?> ListInOrderAsync(string tenant, ListOrder order, DateOnly? from, int skip, int take, Func<Deal, bool>? where, CancellationToken ct)
    {
        var prefix = Keys.ListPrefix(order);
        var low = from is null ? prefix : Keys.ListFrom(order, from);
        return ListRangeAsync(tenant, low, Keys.UpperBound(prefix), skip, take, where, ct);
    }

    public Task<IReadOnlyList<Deal>?> ListClosingAsync(string tenant, ListOrder order, DateOnly from, DateOnly to, CancellationToken ct) =>
        ListRangeAsync(tenant, Keys.ListFrom(order, from), Keys.ListFrom(order, to.AddDays(1)), 0, int.MaxValue, null, ct);

    public Task<IReadOnlyList<Deal>?> ListRankedAsync(string tenant, RankOrder order, IReadOnlyList<string> months, int skip, int take, Func<Deal, bool>? where, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        return storage.RunAsync<IReadOnlyList<Deal>?>(async () =>
        {
            if (!(await Deals.GetEntityIfExistsAsync<TableEntity>(pk, Keys.RanksBuilt, cancellationToken: ct)).HasValue)
            {
                return null;
            }

            // Each month's rank is read in key order, a page at a time as the merge reaches it.
            var perPage = (int)Math.Clamp((long)skip + take, 1, 1000);
            var streams = months.Distinct(StringComparer.Ordinal).Select(month =>
            {
                var low = Keys.RankMonth(order, month);
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {Keys.UpperBound(low)}");
                return (Month: month, Prefix: low.Length, Rows: Deals.QueryAsync<TableEntity>(filter, maxPerPage: perPage, cancellationToken: ct).GetAsyncEnumerator(ct));
            }).ToArray();
            try
            {
                // Largest first over all months; equal amounts by month, then as each month orders them.
                string Place(int i)
                {
                    var rest = streams[i].Rows.Current.RowKey[streams[i].Prefix..];
                    var bar = rest.IndexOf('|', StringComparison.Ordinal);
                    return bar < 0 ? rest : $"{rest[..bar]}|{streams[i].Month}{rest[bar..]}";
                }

                var queue = new PriorityQueue<int, string>(StringComparer.Ordinal);
                var started = await Task.WhenAll(streams.Select(s => s.Rows.MoveNextAsync().AsTask()));
                for (var i = 0; i < streams.Length; i++)
                {
                    if (started[i])
                    {
                        queue.Enqueue(i, Place(i));
                    }
                }

                var deals = new List<Deal>();
                var seen = 0;
                while (deals.Count < take && queue.TryDequeue(out var next, out _))
                {
                    var deal = DealEntities.ToDeal(streams[next].Rows.Current);
                    if ((where is null || where(deal)) && seen++ >= skip)
                    {
                        deals.Add(deal);
                    }

                    if (deals.Count < take && await streams[next].Rows.MoveNextAsync())
                    {
                        queue.Enqueue(next, Place(next));
                    }
                }

                return deals;
            }
            finally
            {
                foreach (var stream in streams)
                {
                    await stream.Rows.DisposeAsync();
                }
            }
        }, ct);
    }

    /// <summary>Rows of an ordered list from <paramref name="low"/> up to <paramref name="high"/>; null while the team's lists are not built.</summary>
    private Task<IReadOnlyList<Deal>?> ListRangeAsync(string tenant, string low, string high, int skip, int take, Func<Deal, bool>? where, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}");
        return storage.RunAsync<IReadOnlyList<Deal>?>(async () =>
        {
            var built = await Deals.GetEntityIfExistsAsync<TableEntity>(pk, Keys.ListsBuilt, cancellationToken: ct);
            if (!built.HasValue)
            {
                return null;
            }

            var deals = new List<Deal>();
            var seen = 0;
            await foreach (var e in Deals.QueryAsync<TableEntity>(filter, maxPerPage: (int)Math.Min((long)skip + take, 1000), cancellationToken: ct))
            {
                var deal = DealEntities.ToDeal(e);
                if (where is not null && !where(deal))
                {
                    continue;
                }

                if (seen++ >= skip)
                {
                    deals.Add(deal);
                }

                if (deals.Count >= take)
                {
                    break;
                }
            }

            return deals;
        }, ct);
    }

    public Task<bool> BuildListsAsync(string tenant, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {Keys.DealPrefix} and RowKey lt {Keys.UpperBound(Keys.DealPrefix)}");
        return storage.RunAsync(async () =>
        {
            if ((await Deals.GetEntityIfExistsAsync<TableEntity>(pk, Keys.RanksBuilt, cancellationToken: ct)).HasValue)
            {
                return true;
            }

            // Each deal stored before the lists and ranks were kept gets its rows with a write of the deal (If-Match),
            // so a change made meanwhile either comes after it or makes it fail, and then lists the deal itself.
            var unlisted = new List<TableEntity>();
            await foreach (var e in Deals.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            {
                if (!DealEntities.IsRanked(e) || (!DealEntities.IsListed(e) && e.GetString("Status") == nameof(DealStatus.Open)))
                {
                    unlisted.Add(e);
                }
            }

            // A deal's mark and its (at most seven) list and rank rows go in one transaction.
            foreach (var group in unlisted.Chunk(TransactionLimits.MaxActions / 8))
            {
                try
                {
                    await Deals.SubmitTransactionAsync(group.SelectMany(ListingActions), ct);
                }
                catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
                {
                    foreach (var one in group)
                    {
                        try
                        {
                            await Deals.SubmitTransactionAsync(ListingActions(one), ct);
                        }
                        catch (TableTransactionFailedException single) when (single.Status is 404 or 409 or 412)
                        {
                            // Changed meanwhile, and so listed by that change.
                        }
                    }
                }

                foreach (var one in group)
                {
                    cache.Forget(pk, one.GetString("DealId"));
                }
            }

            await Deals.UpsertEntityAsync(new TableEntity(pk, Keys.ListsBuilt) { ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, ct);
            await Deals.UpsertEntityAsync(new TableEntity(pk, Keys.RanksBuilt) { ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, ct);
            return true;
        }, ct);
    }

    public Task RenamedAsync(string tenant, Deal before, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        return storage.RunAsync(async () =>
        {
            var stored = await Deals.GetEntityIfExistsAsync<TableEntity>(pk, Keys.Deal(before.Id), cancellationToken: ct);
            if (!stored.HasValue || stored.Value is not { } row)
            {
                return false;
            }

            var deal = DealEntities.ToDeal(row);
            var rows = DealEntities.Words(deal.Name).Select(w => DealEntities.WordRow(pk, w, deal)).ToList();
            if (deal.IsOpen)
            {
                rows.Add(DealEntities.NameRow(pk, deal));
            }

            rows.AddRange(DealEntities.StoredListRows(deal, DealEntities.IsListed(row), DealEntities.IsRanked(row)).Select(key => DealEntities.Copy(row, key)));

            foreach (var made in rows)
            {
                await Deals.UpsertEntityAsync(made, TableUpdateMode.Replace, ct);
            }

            // Deleted one by one: which of them an earlier version stored is not known, and a transaction fails on a missing row.
            var kept = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            var gone = DealEntities.Words(before.Name).Select(w => Keys.Word(w, before.Id)).Concat(DealEntities.StoredListRows(before, true, true));
            foreach (var key in (before.IsOpen ? gone.Append(Keys.Name(TextKey.Normalize(before.Name))) : gone).Where(k => !kept.Contains(k)))
            {
                await Deals.DeleteEntityAsync(pk, key, ETag.All, ct);
            }

            cache.Forget(pk, before.Id);
            return true;
        }, ct);
    }

    /// <summary>A stored deal's list and rank rows, with the deal marked as listed and ranked if it is still the version read.</summary>
    private static IEnumerable<TableTransactionAction> ListingActions(TableEntity stored)
    {
        var marked = new TableEntity(stored.PartitionKey, stored.RowKey) { ["Listed"] = true, ["Ranked"] = true };
        yield return new TableTransactionAction(TableTransactionActionType.UpdateMerge, marked, stored.ETag);
        var copy = new TableEntity(stored) { ["Listed"] = true, ["Ranked"] = true };
        foreach (var row in DealEntities.ListCopies(copy, DealEntities.ToDeal(stored)))
        {
            yield return new TableTransactionAction(TableTransactionActionType.UpsertReplace, row);
        }
    }

    public Task<IReadOnlyList<Deal>> ListClosedAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var low = Keys.ClosedPrefix + DealEntities.ClosedMonth(from.AddMonths(-1));
        var high = Keys.ClosedPrefix + DealEntities.ClosedMonth(to.AddMonths(1)) + "}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}");
        return storage.RunAsync<IReadOnlyList<Deal>>(async () =>
        {
            var deals = new List<Deal>();
            await foreach (var e in Deals.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            {
                var deal = DealEntities.ToDeal(e);
                if (deal.ClosedAt is { } at && at >= from && at <= to)
                {
                    deals.Add(deal);
                }
            }

            return deals;
        }, ct);
    }

    public Task<IReadOnlyList<DealEvent>> HistoryAsync(string tenant, string dealId, int max, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var low = Keys.HistoryPrefix(dealId);
        var high = Keys.UpperBound(low);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}");
        return storage.RunAsync<IReadOnlyList<DealEvent>>(async () =>
        {
            var events = new List<DealEvent>();
            await foreach (var e in Deals.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: ct))
            {
                events.Add(DealEntities.ToEvent(e));
                if (events.Count >= max)
                {
                    break;
                }
            }

            return events;
        }, ct);
    }

    public async Task<WriteOutcome> CreateAsync(string tenant, DealChange change, string operationId, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var batch = CreationRows(pk, change, operationId);
        await AddFeatureRowsAsync(batch, tenant, pk, [(null, change.After)], ct);
        return await storage.RunAsync(() => SubmitAsync(pk, batch, change, operationId, ct), ct);
    }

    public async Task<IReadOnlyList<bool>> CreateManyAsync(string tenant, IReadOnlyList<DealCreation> deals, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var written = new bool[deals.Count];

        // Packed in order, up to a transaction's 100 rows, never two actions on one row in a transaction.
        var transactions = new List<(Batch Batch, List<int> Items)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < deals.Count; i++)
        {
            var rows = CreationRows(pk, deals[i].Change, deals[i].OperationId);
            if (transactions.Count == 0 || transactions[^1].Batch.Actions.Count + rows.Actions.Count > TransactionLimits.MaxActions - featureRows.Count()
                || rows.Actions.Any(a => keys.Contains(a.Entity.RowKey)))
            {
                transactions.Add((new Batch(), []));
                keys.Clear();
            }

            transactions[^1].Batch.AddRange(rows);
            transactions[^1].Items.Add(i);
            keys.UnionWith(rows.Actions.Select(a => a.Entity.RowKey));
        }

        // The features' rows of a transaction's deals are made for them together.
        foreach (var (batch, items) in transactions)
        {
            await AddFeatureRowsAsync(batch, tenant, pk, [.. items.Select(i => ((Deal?)null, deals[i].Change.After))], ct);
        }

        // One after another: they share the team's partition, whose throughput is the limit anyway.
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = 1, CancellationToken = ct }, async (t, token) =>
        {
            try
            {
                await storage.RunAsync(() => Deals.SubmitTransactionAsync(t.Batch.Actions, token), token);
            }
            catch (TableTransactionFailedException)
            {
                // Nothing of a refused transaction is stored: its deals stay unwritten for the caller to create one by one.
                return;
            }

            foreach (var i in t.Items)
            {
                written[i] = true;
            }
        });
        return written;
    }

    public Task<IReadOnlySet<string>> OperationsAsync(string tenant, string operationPrefix, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var low = Keys.Operation(operationPrefix);
        var high = Keys.UpperBound(low);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}");
        return storage.RunAsync<IReadOnlySet<string>>(async () =>
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var e in Deals.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct))
            {
                // A key too long to keep is stored hashed and cannot be read back: that operation is recognised when written again.
                if (Keys.OperationId(e.RowKey) is { } id)
                {
                    found.Add(id);
                }
            }

            return found;
        }, ct);
    }

    /// <summary>The rows a new deal is stored as: the deal, its view, its name and word rows, its history and operation rows.</summary>
    private Batch CreationRows(string pk, DealChange change, string operationId)
    {
        var deal = change.After;
        var batch = new Batch();
        var row = DealEntities.ToEntity(pk, deal, operationId);
        batch.Add(Role.Deal, TableTransactionActionType.Add, row);

        // A deal can be created closed (an import): it then gets its closed-by-month view and no open name, as if it had
        // been won or lost in chat.
        if (deal.IsOpen)
        {
            batch.Add(Role.View, TableTransactionActionType.UpsertReplace, DealEntities.Copy(row, Keys.Open(deal.Id)));
            batch.Add(Role.NameAdded, TableTransactionActionType.Add, DealEntities.NameRow(pk, deal));
        }
        else if (deal.ClosedAt is { } closed)
        {
            batch.Add(Role.View, TableTransactionActionType.UpsertReplace, DealEntities.Copy(row, Keys.Closed(DealEntities.ClosedMonth(closed), deal.Id)));
        }

        foreach (var copy in DealEntities.ListCopies(row, deal))
        {
            batch.Add(Role.View, TableTransactionActionType.UpsertReplace, copy);
        }

        foreach (var word in DealEntities.Words(deal.Name))
        {
            batch.Add(Role.Word, TableTransactionActionType.Add, DealEntities.WordRow(pk, word, deal));
        }

        AddHistoryAndOperation(batch, pk, change, operationId);
        return batch;
    }

    public async Task<WriteOutcome> UpdateAsync(string tenant, DealSnapshot before, DealChange change, string operationId, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant);
        var old = before.Deal;
        var deal = change.After;
        var batch = new Batch();
        var row = DealEntities.ToEntity(pk, deal, operationId);
        batch.Add(Role.Deal, TableTransactionActionType.UpdateReplace, row, new ETag(before.ETag));
        AddViews(batch, pk, old, deal, row, before);

        var oldName = old.IsOpen ? TextKey.Normalize(old.Name) : null;
        var newName = deal.IsOpen ? TextKey.Normalize(deal.Name) : null;
        if (oldName != newName)
        {
            if (oldName is not null)
            {
                batch.Add(Role.NameRemoved, TableTransactionActionType.Delete, DealEntities.NameRow(pk, old), ETag.All);
            }

            if (newName is not null)
            {
                batch.Add(Role.NameAdded, TableTransactionActionType.Add, DealEntities.NameRow(pk, deal));
            }
        }

        if (old.Name != deal.Name)
        {
            var oldWords = DealEntities.Words(old.Name);
            var newWords = DealEntities.Words(deal.Name);
            foreach (var w in oldWords.Except(newWords))
            {
                batch.Add(Role.Word, TableTransactionActionType.Delete, DealEntities.WordRow(pk, w, old), ETag.All);
            }

            foreach (var w in newWords)
            {
                var type = oldWords.Contains(w) ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add;
                batch.Add(Role.Word, type, DealEntities.WordRow(pk, w, deal));
            }
        }

        AddHistoryAndOperation(batch, pk, change, operationId);
        await AddFeatureRowsAsync(batch, tenant, pk, [(old, deal)], ct);
        return await storage.RunAsync(() => SubmitAsync(pk, batch, change, operationId, ct), ct);
    }

    private async Task AddFeatureRowsAsync(Batch batch, string tenant, string pk, IReadOnlyList<(Deal? Before, Deal After)> changes, CancellationToken ct)
    {
        foreach (var feature in featureRows)
        {
            foreach (var row in await feature.RowsAsync(tenant, pk, changes, ct))
            {
                batch.Add(Role.Feature, TableTransactionActionType.Add, row);
            }
        }
    }

    /// <summary>
    /// Keeps the pipeline's views in step: an <c>open|</c> copy of every open deal, a <c>closed|{month}|</c> copy of every
    /// closed one, so a period's pipeline reads open deals and the months it needs, never the whole history; and an open
    /// deal's rows in the ordered lists and ranks (those of a deal stored before they were kept are not there to delete;
    /// those a change leaves as they were are not written again).
    /// </summary>
    private static void AddViews(Batch batch, string pk, Deal old, Deal deal, TableEntity row, DealSnapshot before)
    {
        var listRows = DealEntities.StoredListRows(deal, true, true);
        var stored = DealEntities.StoredListRows(old, before.Listed, before.Ranked).ToHashSet(StringComparer.Ordinal);
        foreach (var key in stored.Except(listRows))
        {
            batch.Add(Role.View, TableTransactionActionType.Delete, new TableEntity(pk, key), ETag.All);
        }

        var same = DealEntities.SameInLists(old, deal);
        foreach (var copy in DealEntities.ListCopies(row, deal).Where(c => !same || !stored.Contains(c.RowKey)))
        {
            batch.Add(Role.View, TableTransactionActionType.UpsertReplace, copy);
        }

        if (deal.IsOpen)
        {
            batch.Add(Role.View, TableTransactionActionType.UpsertReplace, DealEntities.Copy(row, Keys.Open(deal.Id)));
        }
        else if (old.IsOpen)
        {
            batch.Add(Role.View, TableTransactionActionType.Delete, new TableEntity(pk, Keys.Open(deal.Id)), ETag.All);
        }

        var oldClosed = old.ClosedAt is { } o ? Keys.Closed(DealEntities.ClosedMonth(o), deal.Id) : null;
        var newClosed = deal.ClosedAt is { } n ? Keys.Closed(DealEntities.ClosedMonth(n), deal.Id) : null;
        if (oldClosed is not null && oldClosed != newClosed)
        {
            batch.Add(Role.View, TableTransactionActionType.Delete, new TableEntity(pk, oldClosed), ETag.All);
        }

        if (newClosed is not null)
        {
            batch.Add(Role.View, TableTransactionActionType.UpsertReplace, DealEntities.Copy(row, newClosed));
        }
    }

    private void AddHistoryAndOperation(Batch batch, string pk, DealChange change, string operationId)
    {
        foreach (var e in change.Earlier.Append(change.Event))
        {
            batch.Add(Role.History, TableTransactionActionType.Add, DealEntities.ToEntity(pk, change.After.Id, e, operationId));
        }

        batch.Add(Role.Operation, TableTransactionActionType.Add, DealEntities.OperationRow(pk, operationId, change.After, clock.GetUtcNow()));
    }

    private async Task<WriteOutcome> SubmitAsync(string pk, Batch batch, DealChange change, string operationId, CancellationToken ct)
    {
        try
        {
            var responses = await transactions.SubmitAsync(Deals, pk, batch.Actions, ct);
            var snapshot = new DealSnapshot(change.After, responses[0].Headers.ETag?.ToString() ?? string.Empty) { LastOperation = operationId, Listed = true, Ranked = true };
            cache.Put(pk, snapshot);
            return new WriteOutcome.Applied(snapshot);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            cache.Forget(pk, change.After.Id);

            // A 412 is the deal's version: the deal as it is now says whether this operation wrote it (an SDK retry
            // after a lost answer, or a shared transaction whose answer was lost), and is what the writer decides on
            // next. Should a later change hide that, the operation row in the next attempt refuses a second
            // application (409, checked below).
            if (e.Status == 412)
            {
                var current = await ReadDealAsync(pk, change.After.Id, ct);
                return current is { } now && now.LastOperation == operationId
                    ? new WriteOutcome.Applied(now, Replayed: !IsThisWrite(now, change))
                    : new WriteOutcome.Conflict(current);
            }

            if (await AppliedEarlierAsync(pk, operationId, ct) is WriteOutcome.Applied earlier)
            {
                return earlier with { Replayed = !IsThisWrite(earlier.Snapshot, change) };
            }

            var role = e.FailedTransactionActionIndex is { } i && i < batch.Roles.Count ? batch.Roles[i] : (Role?)null;
            return role switch
            {
                Role.NameAdded => new WriteOutcome.NameTaken(change.After.Name),
                Role.Deal when e.Status == 409 => new WriteOutcome.IdTaken(),
                _ => new WriteOutcome.Conflict(),
            };
        }
    }

    /// <summary>
    /// Whether the deal stored by this operation is this very change (an earlier attempt of this write, whose answer was
    /// lost), and not one another delivery of the operation decided: then it was written now, as far as the person who
    /// sent it and the listeners are concerned.
    /// </summary>
    private static bool IsThisWrite(DealSnapshot stored, DealChange change) =>
        stored.Deal.Id == change.After.Id && stored.Deal.Version == change.After.Version;

    /// <summary>The retried-write check: if this operation's row exists, the change was applied by an earlier attempt.</summary>
    private async Task<WriteOutcome?> AppliedEarlierAsync(string pk, string operationId, CancellationToken ct)
    {
        var op = await Deals.GetEntityIfExistsAsync<TableEntity>(pk, Keys.Operation(operationId), cancellationToken: ct);
        if (!op.HasValue || op.Value is null)
        {
            return null;
        }

        var current = await ReadDealAsync(pk, op.Value.GetString("DealId"), ct);
        return current is null ? null : new WriteOutcome.Applied(current, Replayed: true);
    }

    private async Task<DealSnapshot?> ReadDealAsync(string pk, string dealId, CancellationToken ct)
    {
        var row = await Deals.GetEntityIfExistsAsync<TableEntity>(pk, Keys.Deal(dealId), cancellationToken: ct);
        if (!row.HasValue || row.Value is null)
        {
            cache.Forget(pk, dealId);
            return null;
        }

        var snapshot = new DealSnapshot(DealEntities.ToDeal(row.Value), row.Value.ETag.ToString())
        {
            LastOperation = row.Value.GetString("OpId"),
            Listed = DealEntities.IsListed(row.Value),
            Ranked = DealEntities.IsRanked(row.Value),
        };
        cache.Put(pk, snapshot);
        return snapshot;
    }

    private sealed class Batch
    {
        public List<TableTransactionAction> Actions { get; } = [];
        public List<Role> Roles { get; } = [];

        public void Add(Role role, TableTransactionActionType type, ITableEntity entity, ETag etag = default)
        {
            Actions.Add(new TableTransactionAction(type, entity, etag));
            Roles.Add(role);
        }

        public void AddRange(Batch other)
        {
            Actions.AddRange(other.Actions);
            Roles.AddRange(other.Roles);
        }
    }
}
