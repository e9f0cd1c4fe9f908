using Azure;
using Azure.Data.Tables;

namespace SalesBot.Storage;

/// <summary>What one entity-group transaction may hold: 100 actions and 4 MiB; SalesBot stays well under the bytes.</summary>
internal static class TransactionLimits
{
    public const int MaxActions = 100;
    public const int MaxBytes = 2_500_000;

    /// <summary>Roughly how many bytes an action takes in a transaction.</summary>
    public static int Size(TableTransactionAction action) => action.Entity is TableEntity e ? Size(e) : 200;

    /// <summary>Roughly how many bytes a row takes in a transaction.</summary>
    public static int Size(TableEntity e) => e.Select(p => p.Value).Sum(v => v switch { string s => s.Length * 2, byte[] b => (b.Length + 2) / 3 * 4, _ => 16 }) + 200;
}

/// <summary>
/// Changes of one team written at the same moment share a transaction. While a transaction of a partition is on its way,
/// the changes that arrive for that partition wait, and go together in the next one (up to a transaction's limits,
/// never two actions on one row), so a busy team costs one storage request per group instead of one per change.
/// Each change still succeeds or fails on its own: when a shared transaction is refused (one change's version check,
/// say), every change in it is sent again alone, and gets its own answer. A change that arrives when nothing is on its
/// way is sent at once.
/// </summary>
internal sealed class SharedTransactions
{
    private readonly Dictionary<(string Table, string Partition), List<Change>> _waiting = [];

    /// <summary>Raised when a change starts to wait, with how many wait in its partition now (tests hold storage and watch).</summary>
    internal event Action<int>? Queued;

    /// <summary>
    /// Writes <paramref name="actions"/> in one transaction, alone or with other changes of the partition; answers the
    /// responses to its own actions, or the exception its transaction failed with.
    /// </summary>
    public async Task<IReadOnlyList<Response>> SubmitAsync(TableClient table, string partitionKey, IReadOnlyList<TableTransactionAction> actions, CancellationToken ct)
    {
        var change = new Change(actions, ct);
        var key = (table.Name, partitionKey);
        List<Change>? waiting;
        var count = 0;
        lock (_waiting)
        {
            // A partition is in the map while a transaction of it is on its way, with the changes waiting for the next.
            if (_waiting.TryGetValue(key, out waiting))
            {
                waiting.Add(change);
                count = waiting.Count;
            }
            else
            {
                _waiting[key] = [];
            }
        }

        if (waiting is not null)
        {
            Queued?.Invoke(count);
            return await change.Done.Task.WaitAsync(ct);
        }

        // Nothing was on its way: this change goes at once, and whatever arrived meanwhile goes next, without it waiting.
        await SendAsync(table, [change]);
        if (!Idle(key))
        {
            _ = Task.Run(() => DriveAsync(table, key), CancellationToken.None);
        }

        return await change.Done.Task;
    }

    /// <summary>Sends the partition's waiting changes, a group at a time, until none is left.</summary>
    private async Task DriveAsync(TableClient table, (string, string) key)
    {
        try
        {
            do
            {
                List<Change> group;
                lock (_waiting)
                {
                    group = Take(_waiting[key]);
                }

                if (group.Count > 0)
                {
                    await SendAsync(table, group);
                }
            }
            while (!Idle(key));
        }
        catch (Exception e)
        {
            // Never expected (each send catches its own failures), but a partition must not stay busy with nobody to drive it.
            lock (_waiting)
            {
                foreach (var change in _waiting[key])
                {
                    change.Done.TrySetException(e);
                }

                _waiting.Remove(key);
            }
        }
    }

    /// <summary>Whether nothing waits in the partition; if so it is no longer busy.</summary>
    private bool Idle((string, string) key)
    {
        lock (_waiting)
        {
            if (_waiting[key].Count > 0)
            {
                return false;
            }

            _waiting.Remove(key);
            return true;
        }
    }

    /// <summary>The waiting changes, first come first, as far as they fit one transaction; cancelled ones are dropped.</summary>
    private static List<Change> Take(List<Change> waiting)
    {
        var group = new List<Change>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var (actions, bytes, taken) = (0, 0, 0);
        foreach (var change in waiting)
        {
            if (change.Cancelled.IsCancellationRequested)
            {
                change.Done.TrySetCanceled(change.Cancelled);
                taken++;
                continue;
            }

            var size = change.Actions.Sum(TransactionLimits.Size);
            if (group.Count > 0 && (actions + change.Actions.Count > TransactionLimits.MaxActions || bytes + size > TransactionLimits.MaxBytes
                || change.Actions.Any(a => rows.Contains(a.Entity.RowKey))))
            {
                break;
            }

            group.Add(change);
            rows.UnionWith(change.Actions.Select(a => a.Entity.RowKey));
            (actions, bytes, taken) = (actions + change.Actions.Count, bytes + size, taken + 1);
        }

        waiting.RemoveRange(0, taken);
        return group;
    }

    private static async Task SendAsync(TableClient table, List<Change> group)
    {
        if (group.Count == 1)
        {
            await SendAloneAsync(table, group[0]);
            return;
        }

        IReadOnlyList<Response> responses;
        try
        {
            // Not cancelled with any one change: the others still need their answers.
            responses = (await table.SubmitTransactionAsync(group.SelectMany(c => c.Actions), CancellationToken.None)).Value;
        }
        catch (Exception)
        {
            // Whatever went wrong, each change learns its own outcome alone: a change the shared transaction did apply
            // finds that out as after any retried write (its version or its operation row).
            foreach (var change in group)
            {
                await SendAloneAsync(table, change);
            }

            return;
        }

        var start = 0;
        foreach (var change in group)
        {
            change.Done.TrySetResult(responses.Skip(start).Take(change.Actions.Count).ToArray());
            start += change.Actions.Count;
        }
    }

    private static async Task SendAloneAsync(TableClient table, Change change)
    {
        try
        {
            change.Done.TrySetResult((await table.SubmitTransactionAsync(change.Actions, change.Cancelled)).Value);
        }
        catch (OperationCanceledException) when (change.Cancelled.IsCancellationRequested)
        {
            change.Done.TrySetCanceled(change.Cancelled);
        }
        catch (Exception e)
        {
            change.Done.TrySetException(e);
        }
    }

    private sealed class Change(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancelled)
    {
        public IReadOnlyList<TableTransactionAction> Actions { get; } = actions;

        public CancellationToken Cancelled { get; } = cancelled;

        public TaskCompletionSource<IReadOnlyList<Response>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
