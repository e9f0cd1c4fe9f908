using Azure.Data.Tables;
using SalesBot.Deals;

namespace SalesBot.Storage;

/// <summary>
/// Rows a feature keeps in step with the deals: written in the same transaction as the deal changes that make them (so
/// they are all-or-nothing with the deals), in the team's partition.
/// </summary>
internal interface IDealChangeRows
{
    /// <param name="changes">The deals before (null for a new deal) and after, all in one transaction.</param>
    ValueTask<IReadOnlyList<TableEntity>> RowsAsync(string tenant, string partition, IReadOnlyList<(Deal? Before, Deal After)> changes, CancellationToken ct);
}
