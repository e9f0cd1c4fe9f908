using System.Globalization;
using CsvHelper;
using SalesBot.Commands;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Import;

/// <summary>A problem with one cell of an import file; <paramref name="Row"/> is the line number in the file (the header is 1).</summary>
internal sealed record RowError(int Row, string Column, string Value, string Reason)
{
    public override string ToString() => $"row {Row}, column \"{Column}\", value \"{Value}\": {Reason}";
}

/// <summary>
/// A row that reads as a deal; <paramref name="Key"/> identifies it across re-imports. The deal's owner is still to be
/// matched to a person SalesBot knows, from <paramref name="OwnerText"/> (a name, e-mail or user id) or
/// <paramref name="OwnerId"/> (a user id column).
/// </summary>
internal sealed record ImportRow(int Row, string Key, Deal Deal, string? OwnerText, string? OwnerId);

/// <summary>Reads deals from CSV through a <see cref="CsvMapping"/>, and writes them back in SalesBot's own layout.</summary>
internal static class CsvDeals
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.fffK"];

    public static (List<ImportRow> Rows, List<RowError> Errors, CsvMapping? Mapping) Read(TextReader text, CsvMapping? mapping, TenantSettings tenant, DateTimeOffset now)
    {
        using var csv = new CsvReader(text, CultureInfo.InvariantCulture);
        var rows = new List<ImportRow>();
        var errors = new List<RowError>();
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            errors.Add(new RowError(1, "", "", "the file has no header row"));
            return (rows, errors, mapping);
        }

        mapping ??= CsvMapping.Detect(header);
        if (mapping is null)
        {
            errors.Add(new RowError(1, "", string.Join(",", header), "the columns match no built-in layout (pipedrive, hubspot, salesbot); pass --map <mapping.json>"));
            return (rows, errors, mapping);
        }

        foreach (var column in new[] { mapping.Name, mapping.Stage })
        {
            if (!header.Contains(column))
            {
                errors.Add(new RowError(1, column, "", "this column is missing"));
            }
        }

        if (errors.Count > 0)
        {
            return (rows, errors, mapping);
        }

        var openNames = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.Row;
            var rowErrors = new List<RowError>();
            string? Cell(string? column) => column is not null && header.Contains(column) && csv.GetField(column) is { } v && CsvCells.Unescape(v.Trim()) is { Length: > 0 } cell ? cell : null;
            void Problem(string? column, string reason) => rowErrors.Add(new RowError(line, column ?? "", Cell(column) ?? "", reason));

            var name = Cell(mapping.Name);
            if (name is null || TextKey.Normalize(name).Length == 0)
            {
                Problem(mapping.Name, "a deal needs a name");
            }

            Money? amount = null;
            var currency = (Cell(mapping.Currency) ?? tenant.Currency).ToUpperInvariant();
            if (!AmountParser.IsCurrencyCode(currency))
            {
                Problem(mapping.Currency, "not a supported currency code");
            }
            else if (Cell(mapping.Amount) is { } amountText)
            {
                if (decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= AmountParser.MaxAmount)
                {
                    amount = new Money(value, currency);
                }
                else if (AmountParser.TryParse(amountText, currency, out var parsed))
                {
                    amount = parsed;
                }
                else
                {
                    Problem(mapping.Amount, "not an amount");
                }
            }

            DateTimeOffset? Date(string? column)
            {
                if (Cell(column) is not { } textValue)
                {
                    return null;
                }

                if (DateTime.TryParseExact(textValue, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
                {
                    return new DateTimeOffset(d, TimeSpan.Zero);
                }

                Problem(column, "not a date (use yyyy-MM-dd or yyyy-MM-dd HH:mm:ss)");
                return null;
            }

            var created = Date(mapping.Created) ?? now;
            var stageChanged = Date(mapping.StageChanged);
            var closeDate = Date(mapping.CloseDate);
            var closedAt = Date(mapping.ClosedAt);

            var stageText = Cell(mapping.Stage) ?? string.Empty;
            var mapped = mapping.Stages.TryGetValue(stageText, out var ours) ? ours : stageText;
            var status = (Cell(mapping.Status)?.ToLowerInvariant() ?? (mapped.Equals("won", StringComparison.OrdinalIgnoreCase) ? "won"
                : mapped.Equals("lost", StringComparison.OrdinalIgnoreCase) ? "lost" : "open")) switch
            {
                "open" => DealStatus.Open,
                "won" => DealStatus.Won,
                "lost" => DealStatus.Lost,
                var other => Invalid(other),
            };
            DealStatus Invalid(string value)
            {
                Problem(mapping.Status, "the status must be open, won or lost");
                return DealStatus.Open;
            }

            StageDefinition? stage = mapped.ToLowerInvariant() switch
            {
                "won" => tenant.Process.Stages[^1],
                "lost" => tenant.Process.First,
                _ => tenant.Process.Find(mapped) is [var one] ? one : null,
            };
            if (stage is null)
            {
                Problem(mapping.Stage, $"unknown stage; the stages are {string.Join(", ", tenant.Process.Stages.Select(s => s.Name))} (map others in the mapping file's Stages)");
            }

            var segment = Cell(mapping.Segment) is { } segmentText
                ? Segments.Parse(segmentText.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)) ?? SegmentFromName(segmentText, Problem, mapping.Segment)
                : tenant.DefaultSegment;

            if (name is not null && status == DealStatus.Open && !openNames.Add(TextKey.Normalize(name)))
            {
                Problem(mapping.Name, "another open deal in this file has the same name");
            }

            if (rowErrors.Count > 0 || name is null || stage is null)
            {
                errors.AddRange(rowErrors);
                continue;
            }

            // Other CRMs' dates do not always agree with each other: a deal exists by the time it entered its stage, and
            // it entered its stage by the time it closed, so no time in a stage comes out negative.
            var closed = status == DealStatus.Open ? (DateTimeOffset?)null : closedAt ?? stageChanged ?? closeDate ?? now;
            var entered = stageChanged ?? created;
            if (closed is { } closedWhen && entered > closedWhen)
            {
                entered = closedWhen;
            }

            if (created > entered)
            {
                created = entered;
            }

            var deal = new Deal
            {
                Id = DealIds.New(),
                Name = name,
                Owner = new UserRef(string.Empty, Cell(mapping.Owner) ?? string.Empty),
                Amount = amount,
                Segment = segment,
                Stage = stage.Key,
                StageEnteredAt = entered,
                CreatedAt = created,
                CloseDate = closeDate is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : null,
                Status = status,
                ClosedAt = closed,
                LostReason = status == DealStatus.Lost ? Cell(mapping.LostReason) ?? "imported" : null,
            };
            var key = Cell(mapping.ExternalId) is { } external ? "id:" + external : $"name:{TextKey.Normalize(name)}|{created:yyyy-MM-dd}";
            rows.Add(new ImportRow(line, key, deal, Cell(mapping.Owner), Cell(mapping.OwnerId)));
        }

        return (rows, errors, mapping);
    }

    public static void Write(TextWriter text, IEnumerable<Deal> deals, TenantSettings tenant)
    {
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        var m = CsvMapping.SalesBot;
        foreach (var column in new[] { m.ExternalId!, m.Name, m.Amount!, m.Currency!, m.Segment!, m.Stage, m.Status!, m.Owner!, m.OwnerId!, m.CloseDate!, m.Created!, m.StageChanged!, m.ClosedAt!, m.LostReason! })
        {
            csv.WriteField(CsvCells.Escape(column));
        }

        csv.NextRecord();
        foreach (var d in deals.OrderBy(d => d.CreatedAt).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            csv.WriteField(CsvCells.Escape(d.Id));
            csv.WriteField(CsvCells.Escape(d.Name));
            csv.WriteField(CsvCells.Escape(d.Amount?.Amount.ToString(CultureInfo.InvariantCulture) ?? ""));
            csv.WriteField(CsvCells.Escape(d.Amount?.Currency ?? ""));
            csv.WriteField(CsvCells.Escape(Segments.Word(d.Segment)));
            csv.WriteField(CsvCells.Escape(tenant.Process.Get(d.Stage).Name));
            csv.WriteField(CsvCells.Escape(d.Status.ToString().ToLowerInvariant()));
            csv.WriteField(CsvCells.Escape(d.Owner.Name));
            csv.WriteField(CsvCells.Escape(d.Owner.Id));
            csv.WriteField(CsvCells.Escape(d.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""));
            csv.WriteField(CsvCells.Escape(Stamp(d.CreatedAt)));
            csv.WriteField(CsvCells.Escape(Stamp(d.StageEnteredAt)));
            csv.WriteField(CsvCells.Escape(d.ClosedAt is { } c ? Stamp(c) : ""));
            csv.WriteField(CsvCells.Escape(d.LostReason ?? ""));
            csv.NextRecord();
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static Segment SegmentFromName(string text, Action<string?, string> problem, string? column)
    {
        var t = TextKey.Normalize(text);
        if (t.StartsWith("mid", StringComparison.Ordinal))
        {
            return Segment.MidMarket;
        }

        problem(column, "the segment must be smb, mid or enterprise");
        return Segment.MidMarket;
    }
}
