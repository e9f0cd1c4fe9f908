namespace SalesBot.Deals;

/// <summary>A deal as read from storage, with the version token a conditional write needs.</summary>
internal sealed record DealSnapshot(Deal Deal, string ETag)
{
    /// <summary>The operation that wrote this version, when known: a redelivered operation finds itself here and writes nothing.</summary>
    public string? LastOperation { get; init; }

    /// <summary>
    /// Whether storage holds the deal's rows in the ordered lists (<see cref="IDealStore.ListInOrderAsync"/>). Deals
    /// stored before the lists were kept have none until their team's lists are built.
    /// </summary>
    public bool Listed { get; init; }

    /// <summary>Whether storage holds the deal's rank rows (<see cref="IDealStore.ListRankedAsync"/>); as <see cref="Listed"/>.</summary>
    public bool Ranked { get; init; }
}

/// <summary>A deal found through the name index: enough to show a candidate without reading the deal.</summary>
internal sealed record DealName(string Id, string Name);

internal abstract record WriteOutcome
{
    /// <summary>
    /// Written now, or, with <paramref name="Replayed"/>, found already written by the same operation (a retried or
    /// redelivered request); the snapshot is then the deal as it stands.
    /// </summary>
    public sealed record Applied(DealSnapshot Snapshot, bool Replayed = false) : WriteOutcome;

    /// <summary>The deal changed since it was read; decide again on <paramref name="Current"/> (read again when null).</summary>
    public sealed record Conflict(DealSnapshot? Current = null) : WriteOutcome;

    /// <summary>Another open deal already has this name.</summary>
    public sealed record NameTaken(string Name) : WriteOutcome;

    /// <summary>The generated id is in use; pick another.</summary>
    public sealed record IdTaken : WriteOutcome;
}

/// <summary>A deal to create, with the operation id that makes its creation happen once.</summary>
internal sealed record DealCreation(DealChange Change, string OperationId);

/// <summary>Which ordered list: the team's (both null), one owner's or one stage's.</summary>
internal sealed record ListOrder(string? OwnerId = null, string? Stage = null);

/// <summary>
/// Which ranking, largest amount first: of open deals by close month, of closed deals by month of closing, or of open
/// deals by the month their close date last slipped in; the team's or one owner's.
/// </summary>
internal sealed record RankOrder(string? OwnerId = null, bool Closed = false, bool Slipped = false);

internal sealed record DealQuery(bool OpenOnly = true, string? OwnerId = null, string? Stage = null, int Max = 200);

/// <summary>
/// Where deals live. Every change is one atomic write of the deal, its history event and its indexes, made only if the
/// deal is still as read; an operation id makes a repeated write of the same change harmless.
/// </summary>
internal interface IDealStore
{
    /// <summary>Reads a deal; with <paramref name="mayUseCache"/> a recent read may answer (writes still check the version).</summary>
    Task<DealSnapshot?> GetAsync(string tenant, string dealId, bool mayUseCache, CancellationToken ct);

    /// <summary>The newest version of the deal this process has read or written lately, without asking storage.</summary>
    DealSnapshot? Recent(string tenant, string dealId);

    /// <summary>The open deal with exactly this (normalised) name, if any: one point read.</summary>
    Task<DealSnapshot?> FindOpenByNameAsync(string tenant, string normalizedName, bool mayUseCache, CancellationToken ct);

    /// <summary>Deals with a name word starting with <paramref name="wordPrefix"/>: cost grows with the matches only.</summary>
    Task<IReadOnlyList<DealName>> FindByWordPrefixAsync(string tenant, string wordPrefix, int max, CancellationToken ct);

    /// <summary>
    /// Open deals in list order (close date, deals without one last, then name), of the team or of one owner or stage:
    /// <paramref name="take"/> deals from the first deal closing on <paramref name="from"/> (null: from the start; a
    /// close date of <see cref="DateOnly.MaxValue"/>: from the deals without one), after skipping <paramref name="skip"/>.
    /// Reads only those rows; with <paramref name="where"/> (an owner's deals in one stage, stalled deals) it skips and takes
    /// only the deals it keeps, reading on until it has them. Null while the team's lists are not built yet
    /// (<see cref="BuildListsAsync"/>).
    /// </summary>
    Task<IReadOnlyList<Deal>?> ListInOrderAsync(string tenant, ListOrder order, DateOnly? from, int skip, int take, Func<Deal, bool>? where, CancellationToken ct);

    /// <summary>The open deals of an ordered list closing from <paramref name="from"/> to <paramref name="to"/>; null while the team's lists are not built yet.</summary>
    Task<IReadOnlyList<Deal>?> ListClosingAsync(string tenant, ListOrder order, DateOnly from, DateOnly to, CancellationToken ct);

    /// <summary>
    /// Page of a ranking, largest amount first over the <paramref name="months"/> (yyyyMM: close months of open deals,
    /// UTC months of closing of closed ones): <paramref name="take"/> deals after skipping <paramref name="skip"/>, both
    /// counted among the deals <paramref name="where"/> keeps. Reads each month's rank in order only as far as the page
    /// needs. Null while the team's ranks are not built yet (<see cref="BuildListsAsync"/>).
    /// </summary>
    Task<IReadOnlyList<Deal>?> ListRankedAsync(string tenant, RankOrder order, IReadOnlyList<string> months, int skip, int take, Func<Deal, bool>? where, CancellationToken ct);

    /// <summary>Builds the ordered lists and ranks of a team whose deals were stored before they were kept; true once they are complete.</summary>
    Task<bool> BuildListsAsync(string tenant, CancellationToken ct);

    /// <summary>
    /// After a deal's name was rewritten outside a change (a person forgotten whose name it held): the rows it is found
    /// and listed by are made again from the stored deal, and those of the deal as it was (<paramref name="before"/>) deleted.
    /// </summary>
    Task RenamedAsync(string tenant, Deal before, CancellationToken ct);

    /// <summary>Open deals (from the open-deal view), or all deal rows when <see cref="DealQuery.OpenOnly"/> is false.</summary>
    Task<IReadOnlyList<Deal>> ListAsync(string tenant, DealQuery query, CancellationToken ct);

    /// <summary>Deals closed (won or lost) between the two instants: reads only the months concerned.</summary>
    Task<IReadOnlyList<Deal>> ListClosedAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<DealEvent>> HistoryAsync(string tenant, string dealId, int max, CancellationToken ct);

    Task<WriteOutcome> CreateAsync(string tenant, DealChange change, string operationId, CancellationToken ct);

    /// <summary>
    /// Creates many deals in as few transactions as they fit (each deal all-or-nothing with its rows). An item is false
    /// when its transaction was refused (a taken name or id, an operation already stored): nothing of it was written, so
    /// create it with <see cref="CreateAsync"/> to learn why.
    /// </summary>
    Task<IReadOnlyList<bool>> CreateManyAsync(string tenant, IReadOnlyList<DealCreation> deals, CancellationToken ct);

    /// <summary>The ids of the operations stored in the team whose ids start with <paramref name="operationPrefix"/>.</summary>
    Task<IReadOnlySet<string>> OperationsAsync(string tenant, string operationPrefix, CancellationToken ct);

    Task<WriteOutcome> UpdateAsync(string tenant, DealSnapshot before, DealChange change, string operationId, CancellationToken ct);
}
