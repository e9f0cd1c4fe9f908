using System.Globalization;
using Azure.Data.Tables;
using SalesBot.Deals;

namespace SalesBot.Storage;

/// <summary>Maps deals, events and index rows to table entities and back. Dates are stored as sortable yyyy-MM-dd.</summary>
internal static class DealEntities
{
    private const string DateFormat = "yyyy-MM-dd";

    public static TableEntity ToEntity(string partition, Deal d, string operationId)
    {
        var e = new TableEntity(partition, Keys.Deal(d.Id))
        {
            ["DealId"] = d.Id,
            ["Name"] = d.Name,
            ["NormName"] = TextKey.Normalize(d.Name),
            ["OwnerId"] = d.Owner.Id,
            ["OwnerName"] = d.Owner.Name,
            ["Segment"] = d.Segment.ToString(),
            ["Stage"] = d.Stage,
            ["StageEnteredAt"] = d.StageEnteredAt,
            ["CreatedAt"] = d.CreatedAt,
            ["CloseSlips"] = d.CloseDateSlips,
            ["Status"] = d.Status.ToString(),
            ["Version"] = d.Version,
            ["OpId"] = operationId,
            ["Listed"] = true,
            ["Ranked"] = true,
        };
        Set(e, "Amount", d.Amount?.Amount.ToString(CultureInfo.InvariantCulture));
        Set(e, "Currency", d.Amount?.Currency);
        Set(e, "StageById", d.StageChangedBy?.Id);
        Set(e, "StageByName", d.StageChangedBy?.Name);
        Set(e, "CloseDate", Date(d.CloseDate));
        Set(e, "NextDate", Date(d.NextStep?.Date));
        Set(e, "NextText", d.NextStep?.Text);
        Set(e, "LostReason", d.LostReason);
        Set(e, "CloseNote", d.CloseNote);
        Set(e, "ClosedAt", d.ClosedAt);
        Set(e, "Category", d.Category?.ToString());
        Set(e, "SnoozedUntil", Date(d.SnoozedUntil));
        Set(e, "LastSlipFrom", Date(d.LastSlipFrom));
        Set(e, "LastSlipAt", d.LastSlipAt);
        Set(e, "NudgeEpisode", d.NudgeEpisode);
        e["NudgesSent"] = d.NudgesSent;
        Set(e, "LastNudgeAt", d.LastNudgeAt);
        e["NudgeClaimed"] = d.NudgeClaimed;
        Set(e, "NudgeClaimedAt", d.NudgeClaimedAt);
        Set(e, "SlipAlertFor", Date(d.SlipAlertFor));
        e["StageLog"] = string.Join(';', d.StageLog.Select(s => $"{s.Stage}@{s.At.ToUnixTimeMilliseconds()}"));
        if (d.LastInteraction is { } last)
        {
            e["LastKind"] = last.Kind.ToString();
            e["LastAt"] = last.At;
            e["LastById"] = last.By.Id;
            e["LastByName"] = last.By.Name;
            Set(e, "LastText", last.Text);
        }

        return e;
    }

    public static Deal ToDeal(TableEntity e)
    {
        var amount = e.GetString("Amount");
        var lastKind = e.GetString("LastKind");
        var nextDate = ParseDate(e.GetString("NextDate"));
        return new Deal
        {
            Id = e.GetString("DealId"),
            Name = e.GetString("Name"),
            Owner = new UserRef(e.GetString("OwnerId"), e.GetString("OwnerName")),
            Amount = amount is null ? null : new Money(decimal.Parse(amount, CultureInfo.InvariantCulture), e.GetString("Currency")),
            Segment = Enum.Parse<Segment>(e.GetString("Segment")),
            Stage = e.GetString("Stage"),
            StageEnteredAt = e.GetDateTimeOffset("StageEnteredAt") ?? default,
            StageChangedBy = e.GetString("StageById") is { } byId ? new UserRef(byId, e.GetString("StageByName") ?? byId) : null,
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            CloseDate = ParseDate(e.GetString("CloseDate")),
            CloseDateSlips = e.GetInt32("CloseSlips") ?? 0,
            NextStep = nextDate is { } nd ? new NextStep(nd, e.GetString("NextText")) : null,
            Status = Enum.Parse<DealStatus>(e.GetString("Status")),
            LostReason = e.GetString("LostReason"),
            CloseNote = e.GetString("CloseNote"),
            ClosedAt = e.GetDateTimeOffset("ClosedAt"),
            Category = e.GetString("Category") is { } c ? Enum.Parse<ForecastCategory>(c) : null,
            SnoozedUntil = ParseDate(e.GetString("SnoozedUntil")),
            LastSlipFrom = ParseDate(e.GetString("LastSlipFrom")),
            LastSlipAt = e.GetDateTimeOffset("LastSlipAt"),
            StageLog = ParseStageLog(e.GetString("StageLog")),
            NudgeEpisode = e.GetString("NudgeEpisode"),
            NudgesSent = e.GetInt32("NudgesSent") ?? 0,
            LastNudgeAt = e.GetDateTimeOffset("LastNudgeAt"),
            NudgeClaimed = e.GetInt32("NudgeClaimed") ?? 0,
            NudgeClaimedAt = e.GetDateTimeOffset("NudgeClaimedAt"),
            SlipAlertFor = ParseDate(e.GetString("SlipAlertFor")),
            LastInteraction = lastKind is null ? null : new Interaction(
                Enum.Parse<InteractionKind>(lastKind),
                e.GetDateTimeOffset("LastAt") ?? default,
                new UserRef(e.GetString("LastById"), e.GetString("LastByName")),
                e.GetString("LastText")),
            Version = e.GetInt32("Version") ?? 0,
        };
    }

    public static TableEntity ToEntity(string partition, string dealId, DealEvent ev, string operationId)
    {
        var e = new TableEntity(partition, Keys.History(dealId, ev.Version))
        {
            ["DealId"] = dealId,
            ["Version"] = ev.Version,
            ["At"] = ev.At,
            ["ActorId"] = ev.Actor.Id,
            ["ActorName"] = ev.Actor.Name,
            ["Kind"] = ev.Kind.ToString(),
            ["OpId"] = operationId,
        };
        Set(e, "Field", ev.Field);
        Set(e, "From", ev.From);
        Set(e, "To", ev.To);
        Set(e, "Text", ev.Text);
        return e;
    }

    public static DealEvent ToEvent(TableEntity e) => new(
        e.GetInt32("Version") ?? 0,
        e.GetDateTimeOffset("At") ?? default,
        new UserRef(e.GetString("ActorId"), e.GetString("ActorName")),
        Enum.Parse<DealEventKind>(e.GetString("Kind")),
        e.GetString("Field"),
        e.GetString("From"),
        e.GetString("To"),
        e.GetString("Text"));

    public static TableEntity NameRow(string partition, Deal d) =>
        new(partition, Keys.Name(TextKey.Normalize(d.Name))) { ["DealId"] = d.Id };

    public static TableEntity WordRow(string partition, string word, Deal d) =>
        new(partition, Keys.Word(word, d.Id)) { ["DealId"] = d.Id, ["Name"] = d.Name };

    public static TableEntity OperationRow(string partition, string operationId, Deal d, DateTimeOffset at) =>
        new(partition, Keys.Operation(operationId)) { ["DealId"] = d.Id, ["Version"] = d.Version, ["At"] = at };

    /// <summary>The words a deal can be found by; bounded so a long name cannot overflow a transaction.</summary>
    public static IReadOnlyList<string> Words(string name) => TextKey.Words(name).Take(12).ToArray();

    private static void Set(TableEntity e, string key, object? value)
    {
        if (value is not null)
        {
            e[key] = value;
        }
    }

    /// <summary>Whether a stored deal row has its rows in the ordered lists (a row stored before they were kept has not).</summary>
    public static bool IsListed(TableEntity deal) => deal.GetBoolean("Listed") == true;

    /// <summary>Whether a stored deal row has its rank rows (a row stored before they were kept has not).</summary>
    public static bool IsRanked(TableEntity deal) => deal.GetBoolean("Ranked") == true;

    /// <summary>Copies of a deal row for each of its rows in the ordered lists and the ranks.</summary>
    public static IEnumerable<TableEntity> ListCopies(TableEntity row, Deal d) => StoredListRows(d, true, true).Select(key => Copy(row, key));

    /// <summary>
    /// Whether a change leaves what the list and rank copies are read for as it was: what a list or drill-down line
    /// shows and what it is picked by (owner, segment, stage, category, close date and slips, stalled). A logged call or
    /// a nudge's bookkeeping does not touch those copies, so they are not written again.
    /// </summary>
    public static bool SameInLists(Deal a, Deal b) =>
        (a.Name, a.Owner, a.Amount, a.Segment, a.Stage, a.StageEnteredAt, a.CloseDate, a.CloseDateSlips, a.LastSlipFrom, a.LastSlipAt)
        == (b.Name, b.Owner, b.Amount, b.Segment, b.Stage, b.StageEnteredAt, b.CloseDate, b.CloseDateSlips, b.LastSlipFrom, b.LastSlipAt)
        && (a.NextStep, a.Status, a.ClosedAt, a.Category, a.SnoozedUntil) == (b.NextStep, b.Status, b.ClosedAt, b.Category, b.SnoozedUntil);

    /// <summary>The list and rank rows a deal stored with these marks has (an earlier version stored neither; this one both).</summary>
    public static IEnumerable<string> StoredListRows(Deal d, bool listed, bool ranked) =>
        (listed ? ListRows(d) : []).Concat(ranked ? RankRows(d) : []);

    /// <summary>
    /// The rows a deal has in the ranks: an open deal with a close date in its close month's, and one whose close date
    /// slipped in the month of its last slip's (UTC); a closed deal in its month of closing's (UTC, as its <c>closed|</c>
    /// row); each the team's and its owner's.
    /// </summary>
    public static IReadOnlyList<string> RankRows(Deal d)
    {
        var amount = d.Amount?.Amount ?? 0;
        if (d.IsOpen)
        {
            var rows = new List<string>();
            if (d.CloseDate is { } close)
            {
                var month = close.ToString("yyyyMM", CultureInfo.InvariantCulture);
                var tail = Keys.RankTail(close, d.Name, d.Id);
                rows.AddRange([Keys.RankRow(new RankOrder(), month, amount, tail), Keys.RankRow(new RankOrder(d.Owner.Id), month, amount, tail)]);
            }

            if (d.LastSlipAt is { } slipped)
            {
                var month = ClosedMonth(slipped);
                rows.AddRange([Keys.RankRow(new RankOrder(Slipped: true), month, amount, d.Id), Keys.RankRow(new RankOrder(d.Owner.Id, Slipped: true), month, amount, d.Id)]);
            }

            return rows;
        }

        if (d.ClosedAt is { } closedAt)
        {
            var month = ClosedMonth(closedAt);
            return [Keys.RankRow(new RankOrder(Closed: true), month, amount, d.Id), Keys.RankRow(new RankOrder(d.Owner.Id, true), month, amount, d.Id)];
        }

        return [];
    }

    /// <summary>The rows an open deal has in the ordered lists: the team's, its owner's and its stage's.</summary>
    public static IReadOnlyList<string> ListRows(Deal d) => d.IsOpen
        ? [.. new[] { new ListOrder(), new ListOrder(OwnerId: d.Owner.Id), new ListOrder(Stage: d.Stage) }.Select(o => Keys.ListRow(o, d.CloseDate, d.Name, d.Id))]
        : [];

    /// <summary>A copy of a deal row under another key (a read row's service properties left behind).</summary>
    public static TableEntity Copy(TableEntity deal, string rowKey)
    {
        var copy = new TableEntity(deal) { PartitionKey = deal.PartitionKey, RowKey = rowKey };
        copy.Remove("Timestamp");
        copy.Remove("odata.etag");
        copy.ETag = default;
        return copy;
    }

    public static string ClosedMonth(DateTimeOffset closedAt) => closedAt.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private static IReadOnlyList<StageEntry> ParseStageLog(string? text) => string.IsNullOrEmpty(text)
        ? []
        : text.Split(';').Select(part => part.Split('@')).Where(p => p.Length == 2)
            .Select(p => new StageEntry(p[0], DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(p[1], CultureInfo.InvariantCulture))))
            .ToArray();

    private static string? Date(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);
}
