using System.Globalization;
using SalesBot.Deals;
using SalesBot.Deals.Verbs;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>One cell of a summary row: how many deals, their amount (in the currency the cell's key names) and one more sum.</summary>
internal readonly record struct CubeCell(long Count, decimal Amount, long Sum)
{
    public static CubeCell operator +(CubeCell a, CubeCell b) => new(a.Count + b.Count, a.Amount + b.Amount, a.Sum + b.Sum);

    public static CubeCell operator -(CubeCell a) => new(-a.Count, -a.Amount, -a.Sum);

    public bool IsZero => Count == 0 && Amount == 0 && Sum == 0;
}

/// <summary>Summary rows (row key → cell key → sums), and the names of the people they count.</summary>
internal sealed class CubeRows
{
    public Dictionary<string, Dictionary<string, CubeCell>> Rows { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Rows.Count == 0;

    public void Add(string row, string cell, CubeCell value)
    {
        if (!Rows.TryGetValue(row, out var cells))
        {
            cells = Rows[row] = new Dictionary<string, CubeCell>(StringComparer.Ordinal);
        }

        var sum = cells.GetValueOrDefault(cell) + value;
        if (sum.IsZero)
        {
            cells.Remove(cell);
            if (cells.Count == 0)
            {
                Rows.Remove(row);
            }
        }
        else
        {
            cells[cell] = sum;
        }
    }

    /// <summary>Adds (or with <paramref name="sign"/> −1 takes away) every cell of <paramref name="other"/>.</summary>
    public void Add(CubeRows other, int sign = 1)
    {
        foreach (var (row, cells) in other.Rows)
        {
            foreach (var (cell, value) in cells)
            {
                Add(row, cell, sign < 0 ? -value : value);
            }
        }

        foreach (var (id, name) in other.Names)
        {
            Names[id] = name;
        }
    }
}

/// <summary>
/// The team's pipeline as sums, so a report reads a few rows per month instead of every deal. Each deal adds to the
/// rows of its team ("*") and of its owner: an open deal to the row of its close month, a closed deal to the row of the
/// month it closed in (in the team's zone). Cells are keyed by day, segment and what the report tells apart (stage,
/// category, status, currency), so every figure of <see cref="PipelineMath"/> comes out the same. What depends on the
/// team's settings (its zone, holidays, stage order and stall limits) is counted when the deal changes: a change of
/// those settings makes the sums stale (see <see cref="Basis"/>).
/// </summary>
internal static class PipelineCube
{
    public const string Team = "*";
    private const string None = "none";

    /// <summary>Business days are counted from here, so a sum of day numbers gives a sum of business days.</summary>
    private static readonly DateOnly Epoch = new(1900, 1, 1);

    public static string OpenRow(DateOnly? closeDate, string owner) => $"{OpenRows(owner)}{(closeDate is { } d ? Month(d) : None)}";

    public static string ClosedRow(DateOnly month, string owner) => $"{ClosedRows(owner)}{Month(month)}";

    /// <summary>Every open row of one owner (or of the team) starts with this; the month follows.</summary>
    public static string OpenRows(string owner) => $"o|{Escape(owner)}|";

    /// <summary>Every closed row of one owner (or of the team) starts with this; the month follows.</summary>
    public static string ClosedRows(string owner) => $"c|{Escape(owner)}|";

    /// <summary>
    /// The team's won deals of a month by the business days they spent in each stage (<see cref="StallLearning.DaysPerStage"/>),
    /// for learned stall limits; kept apart from the report's rows, which never need them.
    /// </summary>
    public static string WonTimesRow(DateOnly month) => $"{WonTimesRows}{Month(month)}";

    public const string WonTimesRows = "w|*|";

    /// <summary>Changes whenever what the sums hold changes, so sums kept by an earlier version are counted again.</summary>
    private const string Layout = "4";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TenantSettings, string> Bases = [];

    /// <summary>What the sums depend on besides the deals: when it differs from the sums' own, they are counted again.</summary>
    public static string Basis(TenantSettings tenant) => Bases.GetValue(tenant, BasisOf);

    private static string BasisOf(TenantSettings tenant) => string.Join(';',
        Layout,
        tenant.TimeZone.Id,
        string.Join(',', tenant.Holidays.Order().Select(h => h.ToString("yyyyMMdd", CultureInfo.InvariantCulture))),
        string.Join(',', tenant.Process.Stages.Select(s => $"{s.Key}:{s.StallDays.For(Segment.Smb)}/{s.StallDays.For(Segment.MidMarket)}/{s.StallDays.For(Segment.Enterprise)}")));

    /// <summary>What a change does to the sums: the deal's part after, less its part before.</summary>
    public static CubeRows Change(Deal? before, Deal? after, TenantSettings tenant)
    {
        var delta = new CubeRows();
        if (after is not null)
        {
            delta.Add(Of(after, tenant));
        }

        if (before is not null)
        {
            delta.Add(Of(before, tenant), sign: -1);
        }

        return delta;
    }

    /// <summary>One deal's part of the sums.</summary>
    public static CubeRows Of(Deal d, TenantSettings tenant)
    {
        var rows = new CubeRows();
        var seg = (int)d.Segment;
        var cur = d.Amount?.Currency ?? "-";
        var amount = d.Amount?.Amount ?? 0;
        if (d.IsOpen)
        {
            var day = d.CloseDate is { } close ? close.Day.ToString("D2", CultureInfo.InvariantCulture) : "-";
            var entered = tenant.Today(d.StageEnteredAt);
            var stalledFrom = StalledFrom(d, entered, tenant);
            foreach (var owner in new[] { Team, d.Owner.Id })
            {
                var row = OpenRow(d.CloseDate, owner);
                rows.Add(row, $"d|{day}|{seg}|{d.Stage}|{d.Category?.ToString() ?? "-"}|{cur}", new(1, amount, Cum(entered, tenant)));
                rows.Add(row, $"s|{day}|{seg}|{cur}|{Day(stalledFrom)}", new(1, amount, 0));
                if (d.CloseDateSlips >= OpenCount.SlippedTwice)
                {
                    rows.Add(row, $"t|{day}|{seg}", new(1, 0, 0));
                }

                if (d.LastSlipAt is { } slipped)
                {
                    rows.Add(row, $"l|{day}|{seg}|{Day(tenant.Today(slipped))}|{(d.LastSlipFrom is { } from ? Day(from) : "-")}", new(1, 0, 0));
                }
            }

            rows.Add(OpenRow(d.CloseDate, Team), $"p|{day}|{seg}|{Escape(d.Owner.Id)}", new(1, 0, 0));
            rows.Names[d.Owner.Id] = d.Owner.Name;
            return rows;
        }

        if (d.ClosedAt is not { } closedAt)
        {
            return rows;
        }

        var closedOn = tenant.Today(closedAt);
        var on = closedOn.Day.ToString("D2", CultureInfo.InvariantCulture);
        var process = tenant.Process;
        var furthest = d.StageLog.Select(e => e.Stage).Where(s => process.IndexOf(s) >= 0).MaxBy(process.IndexOf) ?? "-";
        foreach (var owner in new[] { Team, d.Owner.Id })
        {
            var row = ClosedRow(closedOn, owner);
            var cycle = d.Status == DealStatus.Won ? PipelineMath.CycleTicks(d.CreatedAt, closedAt) : 0;
            rows.Add(row, $"m|{on}|{seg}|{d.Status}|{cur}", new(1, amount, cycle));
            rows.Add(row, $"r|{on}|{seg}|{d.Status}|{furthest}", new(1, 0, 0));
            for (var i = 0; i < d.StageLog.Count; i++)
            {
                var left = i + 1 < d.StageLog.Count ? d.StageLog[i + 1].At : closedAt;
                var days = BusinessDays.Between(tenant.Today(d.StageLog[i].At), tenant.Today(left), tenant.Holidays);
                rows.Add(row, $"v|{on}|{seg}|{d.StageLog[i].Stage}", new(1, 0, days));
            }
        }

        rows.Add(ClosedRow(closedOn, Team), $"p|{on}|{seg}|{Escape(d.Owner.Id)}", new(1, 0, 0));
        if (d.Status == DealStatus.Won)
        {
            foreach (var (stage, days) in StallLearning.DaysPerStage(d, tenant))
            {
                rows.Add(WonTimesRow(closedOn), $"h|{on}|{seg}|{stage}|{days.ToString(CultureInfo.InvariantCulture)}", new(1, 0, 0));
            }
        }

        rows.Names[d.Owner.Id] = d.Owner.Name;
        return rows;
    }

    /// <summary>
    /// How many open deals of <paramref name="owner"/> (or the team) in the sums close on each day, by stage; or of those
    /// the ones stalled on <paramref name="which"/>'s day, or those whose close date slipped twice or more.
    /// </summary>
    public static IEnumerable<CloseDayCount> OpenByCloseDay(CubeRows sums, string owner, OpenCount which)
    {
        foreach (var (close, c, v) in DayCells(sums, OpenRows(owner)))
        {
            var counted = v.Count != 0 && which switch
            {
                { Slipped: true } => c[0] == "t",
                { StalledOn: { } day } => c[0] == "s" && Date(c[4]) <= day,
                _ => c[0] == "d",
            };
            if (counted)
            {
                yield return new CloseDayCount(close, c[0] == "d" ? c[3] : null, v.Count);
            }
        }
    }

    /// <summary>
    /// The cells of the summary rows under <paramref name="prefix"/> (one per month, or <see cref="None"/>), split into
    /// their parts, each with its day: the row's month and the cell's day of it, or null for a cell without one.
    /// </summary>
    private static IEnumerable<(DateOnly? Day, string[] Cell, CubeCell Value)> DayCells(CubeRows sums, string prefix)
    {
        foreach (var (rowKey, cells) in sums.Rows)
        {
            if (!rowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var month = rowKey[prefix.Length..] is var m && m != None ? Date(m + "01") : (DateOnly?)null;
            foreach (var (cellKey, v) in cells)
            {
                var c = cellKey.Split('|');
                yield return (month is { } first && c[1] != "-" ? first.AddDays(int.Parse(c[1], CultureInfo.InvariantCulture) - 1) : null, c, v);
            }
        }
    }

    /// <summary>
    /// How many deals of <paramref name="owner"/> (or the team) in <paramref name="segment"/> (or every segment) a
    /// drill-down of <paramref name="period"/> shows, from the sums: open deals closing in the period of a forecast
    /// category, a stage or stalled, open deals whose close date slipped in it (<see cref="PipelineMath.SlippedIn"/>),
    /// or deals won or lost in it.
    /// </summary>
    public static long DrillDownCount(CubeRows sums, string owner, string group, Period period, Segment? segment, TenantSettings tenant, DateOnly today)
    {
        var process = tenant.Process;
        ForecastCategory CategoryOf(string[] c) => c[4] == "-" ? process.Get(c[3]).Category : Enum.Parse<ForecastCategory>(c[4]);

        // Each group's cell kind, and whether a cell of it counts (given whether its day is in the period).
        (char Kind, Func<string[], bool, bool> Keep) pick = group switch
        {
            "commit" => ('d', (c, on) => on && CategoryOf(c) == ForecastCategory.Commit),
            "bestcase" => ('d', (c, on) => on && CategoryOf(c) == ForecastCategory.BestCase),
            "pipeline" => ('d', (c, on) => on && CategoryOf(c) == ForecastCategory.Pipeline),
            "stalled" => ('s', (c, on) => on && Date(c[4]) <= today),
            "won" => ('m', (c, on) => on && c[3] == nameof(DealStatus.Won)),
            "lost" => ('m', (c, on) => on && c[3] == nameof(DealStatus.Lost)),
            "slipped" => ('l', (c, on) => period.Contains(Date(c[3])) && (on || (c[4] != "-" && period.Contains(Date(c[4]))))),
            _ => process.Find(group) is [var stage] ? ('d', (c, on) => on && c[3] == stage.Key) : ('d', (_, _) => false),
        };
        var seg = segment is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : null;
        long count = 0;
        foreach (var (day, c, v) in DayCells(sums, pick.Kind == 'm' ? ClosedRows(owner) : OpenRows(owner)))
        {
            if (c[0].Length == 1 && c[0][0] == pick.Kind && (seg is null || c[2] == seg) && pick.Keep(c, day is { } d && period.Contains(d)))
            {
                count += v.Count;
            }
        }

        return count;
    }

    /// <summary>The won deals' stage times of the won-times rows among <paramref name="sums"/>, for deals won from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IEnumerable<StageTime> WonStageTimes(CubeRows sums, DateOnly from, DateOnly to)
    {
        foreach (var (rowKey, cells) in sums.Rows)
        {
            if (!rowKey.StartsWith(WonTimesRows, StringComparison.Ordinal))
            {
                continue;
            }

            var month = DateOnly.ParseExact(rowKey[WonTimesRows.Length..] + "01", "yyyyMMdd", CultureInfo.InvariantCulture);
            foreach (var (cellKey, v) in cells)
            {
                var c = cellKey.Split('|');
                var on = month.AddDays(int.Parse(c[1], CultureInfo.InvariantCulture) - 1);
                if (on >= from && on <= to && v.Count > 0)
                {
                    yield return new StageTime((Segment)int.Parse(c[2], CultureInfo.InvariantCulture), c[3], int.Parse(c[4], CultureInfo.InvariantCulture), v.Count);
                }
            }
        }
    }

    /// <summary>The closed-deal rows a report needs: every month from the trailing year's start (or the period's, if earlier) to today (or the period's end).</summary>
    public static IEnumerable<DateOnly> ClosedMonths(Period period, DateOnly today)
    {
        var first = new[] { period.Start, today.AddYears(-1) }.Min();
        var last = new[] { period.End, today }.Max();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1))
        {
            yield return m;
        }
    }

    /// <summary>
    /// The report of <paramref name="input"/> (its deal lists unused) from the summary rows: every open row of the scope's
    /// owner (or the team) and its closed rows of <see cref="ClosedMonths"/>.
    /// </summary>
    public static PipelineReport Compute(PipelineInput input, CubeRows sums)
    {
        var tenant = input.Tenant;
        var process = tenant.Process;
        var period = input.Period;
        var today = input.Today;
        var owner = Escape(input.Scope.OwnerId ?? Team);
        bool InScope(string seg) => input.Scope.Segment is not { } s || ((int)s).ToString(CultureInfo.InvariantCulture) == seg;

        var stageCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var stageAmount = new Dictionary<string, MoneySum>(StringComparer.Ordinal);
        var stageEntered = new Dictionary<string, long>(StringComparer.Ordinal);
        var categories = Enum.GetValues<ForecastCategory>().ToDictionary(c => c, _ => new MoneySum());
        var open = new MoneySum();
        var stalled = new MoneySum();
        var won = new MoneySum();
        var lost = new MoneySum();
        var trailingWon = new MoneySum();
        var trailingLost = new MoneySum();
        int openCount = 0, stalledCount = 0, slipped = 0, unpriced = 0, withoutCloseDate = 0, wonCount = 0, lostCount = 0, trailingWonCount = 0, trailingLostCount = 0;
        long cycleTicks = 0;
        var people = new HashSet<string>(StringComparer.Ordinal);
        var reached = new Dictionary<(DealStatus Status, string Furthest), int>();
        var visits = new Dictionary<string, (long Count, long Days)>(StringComparer.Ordinal);
        bool Priced(string cur) => cur == "-" || MoneySum.Priced(new Money(0, cur), tenant);

        foreach (var (rowKey, cells) in sums.Rows)
        {
            var row = rowKey.Split('|');
            if (row.Length != 3 || row[1] != owner || row[0] is not ("o" or "c"))
            {
                continue;
            }

            var month = row[2] == None ? (DateOnly?)null : DateOnly.ParseExact(row[2] + "01", "yyyyMMdd", CultureInfo.InvariantCulture);
            foreach (var (cellKey, v) in cells)
            {
                var c = cellKey.Split('|');
                DateOnly? On() => month is { } m && c[1] != "-" ? m.AddDays(int.Parse(c[1], CultureInfo.InvariantCulture) - 1) : null;
                if (!InScope(c[2]))
                {
                    continue;
                }

                var count = (int)v.Count;
                if (row[0] == "o")
                {
                    var inPeriod = On() is { } close && period.Contains(close);
                    switch (c[0])
                    {
                        case "d":
                            withoutCloseDate += month is null ? count : 0;
                            if (!inPeriod)
                            {
                                break;
                            }

                            var (stage, category, cur) = (c[3], c[4], c[5]);
                            stageCount[stage] = stageCount.GetValueOrDefault(stage) + count;
                            Sum(stageAmount, stage).Add(cur, v.Amount);
                            stageEntered[stage] = stageEntered.GetValueOrDefault(stage) + v.Sum;
                            categories[category == "-" ? process.Get(stage).Category : Enum.Parse<ForecastCategory>(category)].Add(cur, v.Amount);
                            open.Add(cur, v.Amount);
                            openCount += count;
                            unpriced += Priced(cur) ? 0 : count;
                            break;
                        case "s" when inPeriod && Date(c[4]) <= today:
                            stalled.Add(c[3], v.Amount);
                            stalledCount += count;
                            break;
                        case "l" when period.Contains(Date(c[3])) && (inPeriod || (c[4] != "-" && period.Contains(Date(c[4])))):
                            slipped += count;
                            break;
                        case "p" when inPeriod:
                            people.Add(Uri.UnescapeDataString(c[3]));
                            break;
                    }

                    continue;
                }

                var closedOn = On()!.Value;
                var inClosePeriod = period.Contains(closedOn);
                var trailing = PipelineMath.InTrailingYear(closedOn, today);
                switch (c[0])
                {
                    case "m":
                        var (status, currency) = (Enum.Parse<DealStatus>(c[3]), c[4]);
                        unpriced += (inClosePeriod || trailing) && !Priced(currency) ? count : 0;
                        if (inClosePeriod)
                        {
                            (status == DealStatus.Won ? won : lost).Add(currency, v.Amount);
                            wonCount += status == DealStatus.Won ? count : 0;
                            lostCount += status == DealStatus.Lost ? count : 0;
                        }

                        if (trailing)
                        {
                            (status == DealStatus.Won ? trailingWon : trailingLost).Add(currency, v.Amount);
                            trailingWonCount += status == DealStatus.Won ? count : 0;
                            trailingLostCount += status == DealStatus.Lost ? count : 0;
                            cycleTicks += v.Sum;
                        }

                        break;
                    case "r" when trailing:
                        var key = (Enum.Parse<DealStatus>(c[3]), c[4]);
                        reached[key] = reached.GetValueOrDefault(key) + count;
                        break;
                    case "v" when trailing:
                        var seen = visits.GetValueOrDefault(c[3]);
                        visits[c[3]] = (seen.Count + v.Count, seen.Days + v.Sum);
                        break;
                    case "p" when inClosePeriod:
                        people.Add(Uri.UnescapeDataString(c[3]));
                        break;
                }
            }
        }

        var todayCum = Cum(today, tenant);
        var stages = process.Stages.Select(s =>
        {
            var n = stageCount.GetValueOrDefault(s.Key);
            var amount = stageAmount.TryGetValue(s.Key, out var sum) ? sum.InBase(tenant) : 0;
            return new StageLine(s, n, amount, amount * s.Probability / 100m, n == 0 ? null : (double)(n * todayCum - stageEntered[s.Key]) / n);
        }).ToArray();

        int Reached(int index) => reached.Where(r => r.Key.Status == DealStatus.Won || process.IndexOf(r.Key.Furthest) >= index).Sum(r => r.Value);
        var conversions = process.Stages.Select((s, i) => new Conversion(
            s.Name,
            i + 1 < process.Stages.Count ? process.Stages[i + 1].Name : null,
            Reached(i),
            i + 1 < process.Stages.Count ? Reached(i + 1) : reached.Where(r => r.Key.Status == DealStatus.Won).Sum(r => r.Value))).ToArray();

        var withoutQuota = input.Quota is { TeamOwn: false } summed && input.Scope.OwnerId is null
            ? people.Where(id => !summed.Owners.Contains(id)).Select(id => sums.Names.GetValueOrDefault(id, id))
            : [];

        return PipelineMath.Report(new PipelineMath.Figures(
            input, stages, openCount, open.InBase(tenant), categories.ToDictionary(c => c.Key, c => c.Value.InBase(tenant)),
            wonCount, won.InBase(tenant), lostCount, lost.InBase(tenant),
            trailingWonCount, trailingLostCount, trailingWon.InBase(tenant), trailingLost.InBase(tenant),
            conversions,
            process.Stages.ToDictionary(s => s.Key, s => visits.TryGetValue(s.Key, out var v) && v.Count > 0 ? (double)v.Days / v.Count : (double?)null),
            cycleTicks, stalledCount, stalled.InBase(tenant), slipped, unpriced, withoutCloseDate, withoutQuota));
    }

    private static MoneySum Sum(Dictionary<string, MoneySum> sums, string key) => sums.TryGetValue(key, out var s) ? s : sums[key] = new MoneySum();

    /// <summary>
    /// The first day the deal counts as stalled if nothing changes: the business day after its stage limit, and not
    /// before its next step has passed or its snooze has ended (see <see cref="StallPolicy.IsStalled"/>).
    /// </summary>
    private static DateOnly StalledFrom(Deal d, DateOnly entered, TenantSettings tenant)
    {
        var from = BusinessDays.Add(entered, tenant.Process.StallLimit(d.Stage, d.Segment) + 1, tenant.Holidays);
        if (d.NextStep is { } next && next.Date.AddDays(1) > from)
        {
            from = next.Date.AddDays(1);
        }

        return d.SnoozedUntil is { } until && until > from ? until : from;
    }

    /// <summary>Business days from the epoch to <paramref name="day"/>: the business days between two days is the difference.</summary>
    private static long Cum(DateOnly day, TenantSettings tenant) => BusinessDays.Between(Epoch, day, tenant.Holidays);

    private static string Month(DateOnly d) => d.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private static string Day(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static DateOnly Date(string day) => DateOnly.ParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Escape(string text) => Uri.EscapeDataString(text);
}
