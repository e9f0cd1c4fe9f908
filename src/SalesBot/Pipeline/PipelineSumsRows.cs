using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Storage;
using SalesBot.Tenants;

namespace SalesBot.Pipeline;

/// <summary>
/// The change of the pipeline sums that deal changes make, as one pending row in their transaction; a logged call or a
/// note changes no sum and adds no row.
/// </summary>
internal sealed class PipelineSumsRows(TenantSettingsProvider tenants) : IDealChangeRows
{
    public async ValueTask<IReadOnlyList<TableEntity>> RowsAsync(string tenant, string partition, IReadOnlyList<(Deal? Before, Deal After)> changes, CancellationToken ct)
    {
        var settings = await tenants.GetAsync(tenant, ct);
        var delta = new CubeRows();
        foreach (var (before, after) in changes)
        {
            delta.Add(PipelineCube.Change(before, after, settings));
        }

        if (delta.IsEmpty)
        {
            return [];
        }

        var first = changes[0].After;
        return [SummaryEntities.DeltaRow(partition, first.Id, first.Version, PipelineCube.Basis(settings), delta)];
    }
}
