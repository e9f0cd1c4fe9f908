using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using SalesBot.Storage;

namespace SalesBot.Privacy;

/// <summary>
/// A person's data on request, across every table of a team: a copy of it (access, portability), its erasure by
/// pseudonym (their profile and contact points deleted, their id and name replaced everywhere else, deal figures kept),
/// and the deletion of a whole team. Each request is recorded in the <c>Meta</c> table: what was done and when, never
/// whom it was about.
/// </summary>
internal sealed class PersonalData(
    TableStorage storage, IEnumerable<FeatureTable> features, TimeProvider clock, Pipeline.IPipelineSums sums, Pipeline.PipelineSumsUpkeep upkeep,
    Deals.IDealStore deals)
{
    /// <summary>Rows that only exist for the person (profile, name and e-mail index, Teams address, deliveries): deleted, not rewritten.</summary>
    private static readonly string[] PersonalTables = [TableStorage.UsersTable, "TeamsConversations", TableStorage.InboxTable];

    private IEnumerable<string> Tables =>
        new[] { TableStorage.DealsTable, TableStorage.UsersTable, TableStorage.InboxTable }.Concat(features.Select(f => f.Name)).Distinct();

    /// <summary>Everything stored about <paramref name="userId"/> in <paramref name="tenant"/>, table by table, as JSON.</summary>
    public async Task<JsonObject> ExportAsync(string tenant, string userId, CancellationToken ct)
    {
        var rows = await TeamRowsAsync(tenant, ct);
        var person = PersonIn(rows, userId);
        var tables = new JsonObject();
        foreach (var (table, row) in rows)
        {
            if (!person.IsIn(row))
            {
                continue;
            }

            var copy = new JsonObject { ["key"] = row.RowKey };
            foreach (var (name, value) in row.Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey")).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                copy[name] = value switch
                {
                    null => null,
                    DateTimeOffset at => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    _ => JsonValue.Create(value.ToString()),
                };
            }

            (tables[table] ??= new JsonArray()).AsArray().Add(copy);
        }

        await RecordAsync(tenant, "export-user", null, ct);
        return new JsonObject
        {
            ["team"] = tenant,
            ["user"] = userId,
            ["names"] = new JsonArray(person.Names.Select(n => (JsonNode)n).ToArray()),
            ["exportedAt"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["tables"] = tables,
        };
    }

    /// <summary>
    /// Erases <paramref name="userId"/> from <paramref name="tenant"/>: rows that exist only for them go; everywhere else
    /// (deals they own, history they wrote, notes naming them, settings) their id and names become a pseudonym nobody
    /// holds the key to, so amounts, stages and dates, and every pipeline figure, stay as they were. Returns the pseudonym.
    /// </summary>
    public async Task<(string Pseudonym, int Deleted, int Rewritten)> ForgetAsync(string tenant, string userId, CancellationToken ct)
    {
        // The pipeline sums name people too: they are dropped (after this instance's upkeep stops touching them) and
        // counted again from the rewritten deals on the next pipeline read.
        await upkeep.IdleAsync();
        var all = (await TeamRowsAsync(tenant, ct)).Where(r => !Pipeline.SummaryEntities.IsSummary(r.Row.RowKey)).ToList();
        var person = PersonIn(all, userId);
        var tag = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        var (pseudoId, pseudonym) = ($"forgotten-{tag}", $"Former colleague {tag}");
        var (deleted, rewritten) = (0, 0);

        // A deal whose name holds the person is renamed, and the rows it is found and listed by are keyed by its name:
        // they are made again from the renamed deal afterwards, not rewritten where they are.
        var renamed = all.Where(r => r.Table == TableStorage.DealsTable && r.Row.RowKey.StartsWith(Keys.DealPrefix, StringComparison.Ordinal)
                && r.Row.GetString("Name") is { } name && person.Replace(name, pseudoId, pseudonym) != name)
            .ToDictionary(r => r.Row.GetString("DealId"), r => DealEntities.ToDeal(r.Row), StringComparer.Ordinal);
        bool RemadeLater(string table, TableEntity row) =>
            table == TableStorage.DealsTable && Keys.IsNamedRow(row.RowKey) && row.GetString("DealId") is { } id && renamed.ContainsKey(id);
        foreach (var (table, row) in all.Where(r => person.IsIn(r.Row) && !RemadeLater(r.Table, r.Row)))
        {
            var client = storage.Table(table);
            var keyed = person.IsInKey(row.RowKey);
            if (keyed && PersonalTables.Contains(table))
            {
                await storage.RunAsync(() => DeleteAsync(client, row, ct), ct);
                deleted++;
                continue;
            }

            var replaced = new TableEntity(row.PartitionKey, keyed ? person.Replace(row.RowKey, pseudoId, pseudoId) : row.RowKey);
            foreach (var (name, value) in row.Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")))
            {
                replaced[name] = value is string text ? person.Replace(text, pseudoId, pseudonym) : value;
            }

            await storage.RunAsync(async () =>
            {
                if (keyed)
                {
                    // The row is keyed by the person (a manager or quota setting): it moves to the pseudonym's key.
                    await client.UpsertEntityAsync(replaced, TableUpdateMode.Replace, ct);
                    return await DeleteAsync(client, row, ct);
                }

                await client.UpdateEntityAsync(replaced, row.ETag, TableUpdateMode.Replace, ct);
                return true;
            }, ct);
            rewritten++;
        }

        foreach (var before in renamed.Values)
        {
            await deals.RenamedAsync(tenant, before, ct);
        }

        await sums.DropAsync(tenant, ct);
        await RecordAsync(tenant, "forget-user", pseudonym, ct);
        return (pseudonym, deleted, rewritten);
    }

    /// <summary>Deletes every row of a team in every table (an uninstall, a contract's end). Returns how many.</summary>
    public async Task<int> DeleteTeamAsync(string tenant, CancellationToken ct)
    {
        var rows = await TeamRowsAsync(tenant, ct);
        foreach (var (table, row) in rows)
        {
            await storage.RunAsync(() => DeleteAsync(storage.Table(table), row, ct), ct);
        }

        await RecordAsync(tenant, "delete-team", null, ct);
        return rows.Count;
    }

    /// <summary>Every row of a team, read once: its partition in each table, and the rows of shared partitions that name it.</summary>
    private async Task<List<(string Table, TableEntity Row)>> TeamRowsAsync(string tenant, CancellationToken ct)
    {
        await storage.EnsureCreatedAsync(ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Partition(tenant)} or Tenant eq {tenant}");
        var rows = new List<(string Table, TableEntity Row)>();
        foreach (var table in Tables)
        {
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(filter, cancellationToken: ct))
            {
                rows.Add((table, row));
            }
        }

        return rows;
    }

    /// <summary>The person's id and every name SalesBot has stored for them (profile, deals, history, settings).</summary>
    private static Person PersonIn(IEnumerable<(string Table, TableEntity Row)> rows, string userId)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, row) in rows)
        {
            foreach (var (idColumn, nameColumn) in new[] { ("UserId", "Name"), ("OwnerId", "OwnerName"), ("ActorId", "ActorName"), ("LastById", "LastByName"), ("Key", "Value") })
            {
                if (row.GetString(idColumn) == userId && row.GetString(nameColumn) is { Length: > 0 } name && name != userId)
                {
                    names.Add(name);
                }
            }
        }

        return new Person(userId, Keys.Escaped(userId), [.. names]);
    }

    private static async Task<bool> DeleteAsync(TableClient table, TableEntity row, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return true;
    }

    /// <summary>That a request was carried out, and when; never whom it was about (a pseudonym at most).</summary>
    private Task RecordAsync(string tenant, string action, string? pseudonym, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var at = clock.GetUtcNow();
            await storage.Table(TableStorage.MetaTable).AddEntityAsync(
                new TableEntity("privacy", $"{at.UtcTicks:D19}|{Guid.NewGuid():N}") { ["Team"] = tenant, ["Action"] = action, ["At"] = at, ["Pseudonym"] = pseudonym }, ct);
            return true;
        }, ct);

    private sealed record Person(string Id, string EscapedId, IReadOnlyList<string> Names)
    {
        private Regex? _pattern;

        public bool IsInKey(string rowKey) => rowKey.Split('|').Any(part => part == Id || part == EscapedId);

        public bool IsIn(TableEntity row) =>
            IsInKey(row.RowKey) || row.Select(p => p.Value).OfType<string>().Any(text => Pattern().IsMatch(text));

        /// <summary>The id and each name as whole words, longest first, so "Ann Berg" goes before "Ann".</summary>
        private Regex Pattern() => _pattern ??= new(
            string.Join('|', Names.Prepend(Id).Distinct().OrderByDescending(n => n.Length).Select(n => $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(n)}(?![\p{{L}}\p{{N}}])")),
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        public string Replace(string text, string pseudoId, string pseudonym) =>
            Pattern().Replace(text, m => m.Value == Id ? pseudoId : pseudonym);
    }
}
