namespace SalesBot.Deals;

/// <summary>A feature that acts after a deal change is stored (the stall check is placed again). Best effort: it must not throw for storage trouble.</summary>
internal interface IDealChangeListener
{
    /// <param name="change">The deal after the change and the history event(s) that record it.</param>
    Task AfterChangeAsync(string tenant, Deal? before, DealChange change, CancellationToken ct);

    /// <summary>Many new deals stored at once (an import); a listener that can act on them together does so here.</summary>
    async Task AfterCreatedAsync(string tenant, IReadOnlyList<DealChange> changes, CancellationToken ct)
    {
        foreach (var change in changes)
        {
            await AfterChangeAsync(tenant, null, change, ct);
        }
    }
}

/// <summary>How a write through <see cref="DealWriter"/> ended.</summary>
internal abstract record WriteResult
{
    /// <summary>Stored now; <paramref name="Before"/> is null for a new deal.</summary>
    public sealed record Written(DealChange Change, Deal? Before, DealSnapshot Snapshot) : WriteResult;

    /// <summary>The same operation was stored before (a retried or redelivered request): the deal as it stands.</summary>
    public sealed record AlreadyWritten(DealSnapshot Snapshot) : WriteResult;

    /// <summary>The rule refused the change on the deal as it stands (<paramref name="Current"/>, null for a new deal).</summary>
    public sealed record Refused(DealRefusal Refusal, Deal? Current) : WriteResult;

    /// <summary>Another open deal has this name.</summary>
    public sealed record NameTaken(string Name) : WriteResult;

    /// <summary>The deal was deleted while the change was being decided.</summary>
    public sealed record Gone : WriteResult;

    /// <summary>Every attempt met a newer version of the deal (or a taken id): nothing was stored.</summary>
    public sealed record Busy(Deal? Current) : WriteResult;
}

/// <summary>
/// The one way to change a deal: decide with <see cref="DealRules"/>, write conditionally on the version read, and on a
/// conflict read again and decide again (so no update is lost and a rule never applies to a deal it did not see); a
/// generated id that is taken is replaced; then every <see cref="IDealChangeListener"/> hears of the change. Writers to
/// one deal in this process take turns, so a burst on a deal queues instead of spending its attempts on itself; the
/// ETag still guards across instances.
/// </summary>
internal sealed class DealWriter(IDealStore store, IEnumerable<IDealChangeListener> listeners)
{
    public const int UpdateAttempts = 12;
    private const int IdAttempts = 5;
    private readonly Turns _turns = new();

    /// <param name="decide">Given a fresh deal id, the rule's decision on the new deal.</param>
    /// <param name="firstId">The id to try first (an imported deal keeps its own), before generated ones.</param>
    /// <param name="notify">False only for a writer that places what listeners would itself (a demo team's early steps).</param>
    public async Task<WriteResult> CreateAsync(
        string tenant, Func<string, DealDecision> decide, string operationId, CancellationToken ct, string? firstId = null, bool notify = true)
    {
        for (var attempt = 0; attempt < IdAttempts; attempt++)
        {
            var decision = decide(attempt == 0 && firstId is not null ? firstId : DealIds.New());
            if (decision is DealRefusal refusal)
            {
                return new WriteResult.Refused(refusal, null);
            }

            var change = (DealChange)decision;
            switch (await store.CreateAsync(tenant, change, operationId, ct))
            {
                case WriteOutcome.Applied { Replayed: true } replay:
                    return new WriteResult.AlreadyWritten(replay.Snapshot);
                case WriteOutcome.Applied applied:
                    await NotifyAsync(notify, tenant, null, change, ct);
                    return new WriteResult.Written(change, null, applied.Snapshot);
                case WriteOutcome.NameTaken taken:
                    return new WriteResult.NameTaken(taken.Name);
            }
        }

        return new WriteResult.Busy(null);
    }

    /// <summary>
    /// Creates many decided deals at once (an import); listeners hear of each one written. An item is false when it was
    /// not written in a batch: create it with <see cref="CreateAsync"/>, which says why (name taken, already written…).
    /// </summary>
    public async Task<IReadOnlyList<bool>> CreateManyAsync(string tenant, IReadOnlyList<DealCreation> deals, CancellationToken ct)
    {
        var written = await store.CreateManyAsync(tenant, deals, ct);
        var changes = deals.Where((_, i) => written[i]).Select(d => d.Change).ToArray();
        foreach (var listener in listeners)
        {
            await listener.AfterCreatedAsync(tenant, changes, ct);
        }

        return written;
    }

    /// <param name="decide">The rule's decision on the deal as it stands; asked again after every conflict.</param>
    /// <param name="attempts">How many conflicts to ride out; 1 for a writer for whom a conflict means "someone else did it".</param>
    /// <param name="notify">False for a writer that places what listeners would itself (the stall scanner owns the due index).</param>
    public async Task<WriteResult> UpdateAsync(
        string tenant, DealSnapshot snapshot, Func<Deal, DealDecision> decide, string operationId, CancellationToken ct,
        int attempts = UpdateAttempts, bool notify = true)
    {
        var turn = await _turns.TakeAsync($"{tenant}|{snapshot.Deal.Id}", ct);
        try
        {
            // While this writer waited its turn, one before it may have written the deal: start from that version, not
            // from the one read before waiting, which would only fail its write and be read again.
            if (store.Recent(tenant, snapshot.Deal.Id) is { } recent && recent.Deal.Version > snapshot.Deal.Version)
            {
                snapshot = recent;
            }

            for (var attempt = 0; attempt < attempts; attempt++)
            {
                // The version read was written by this very operation (a redelivered or retried request): nothing to do.
                if (snapshot.LastOperation == operationId)
                {
                    return new WriteResult.AlreadyWritten(snapshot);
                }

                var decision = decide(snapshot.Deal);
                if (decision is DealRefusal refusal)
                {
                    return new WriteResult.Refused(refusal, snapshot.Deal);
                }

                var change = (DealChange)decision;
                var outcome = await store.UpdateAsync(tenant, snapshot, change, operationId, ct);
                switch (outcome)
                {
                    case WriteOutcome.Applied { Replayed: true } replay:
                        return new WriteResult.AlreadyWritten(replay.Snapshot);
                    case WriteOutcome.Applied applied:
                        await NotifyAsync(notify, tenant, snapshot.Deal, change, ct);
                        return new WriteResult.Written(change, snapshot.Deal, applied.Snapshot);
                    case WriteOutcome.NameTaken taken:
                        return new WriteResult.NameTaken(taken.Name);
                }

                Diagnostics.Telemetry.StorageConflicts.Add(1);
                if (attempt + 1 == attempts)
                {
                    break;
                }

                // The store read the deal as it is now when it found the version changed; otherwise read it here.
                if (((outcome as WriteOutcome.Conflict)?.Current ?? await store.GetAsync(tenant, snapshot.Deal.Id, mayUseCache: false, ct)) is not { } fresh)
                {
                    return new WriteResult.Gone();
                }

                snapshot = fresh;

                // Under heavy contention, step aside a little (wall-clock, jittered) before trying again.
                if (attempt >= 2)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), ct);
                }
            }

            return new WriteResult.Busy(snapshot.Deal);
        }
        finally
        {
            turn.Dispose();
        }
    }

    private async Task NotifyAsync(bool notify, string tenant, Deal? before, DealChange change, CancellationToken ct)
    {
        if (!notify)
        {
            return;
        }

        foreach (var listener in listeners)
        {
            await listener.AfterChangeAsync(tenant, before, change, ct);
        }
    }

    /// <summary>A turn per deal being written: writers of one deal take turns, writers of different deals never wait for each other.</summary>
    private sealed class Turns
    {
        private readonly Dictionary<string, Turn> _taken = new(StringComparer.Ordinal);

        public async Task<Turn> TakeAsync(string key, CancellationToken ct)
        {
            Turn turn;
            lock (_taken)
            {
                if (!_taken.TryGetValue(key, out turn!))
                {
                    turn = new Turn(this, key);
                    _taken[key] = turn;
                }

                turn.Writers++;
            }

            try
            {
                await turn.Gate.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                Leave(turn);
                throw;
            }

            return turn;
        }

        private void Leave(Turn turn)
        {
            lock (_taken)
            {
                if (--turn.Writers == 0)
                {
                    _taken.Remove(turn.Key);
                    turn.Gate.Dispose();
                }
            }
        }

        /// <summary>A deal's turn; disposing it passes the turn on.</summary>
        public sealed class Turn(Turns turns, string key) : IDisposable
        {
            public SemaphoreSlim Gate { get; } = new(1, 1);

            public string Key { get; } = key;

            /// <summary>Writers holding or waiting for the turn (guarded by the owner's lock).</summary>
            public int Writers { get; set; }

            public void Dispose()
            {
                Gate.Release();
                turns.Leave(this);
            }
        }
    }
}
