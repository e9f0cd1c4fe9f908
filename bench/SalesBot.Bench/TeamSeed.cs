using Azure.Data.Tables;
using SalesBot.Deals;
using SalesBot.Storage;

/// <summary>
/// A team of many deals written straight into the Deals table in batches of 100, with the rows SalesBot itself keeps:
/// 40 % open (the deal, its open-deal view, its exact-name row and one row per name word), 60 % won or lost over the
/// last two years (the deal and its closed-by-month view). Open deals are named "&lt;Company&gt; q&lt;5 digits&gt;", so each can
/// be found by its whole name or by its one unique word.
/// </summary>
internal static class TeamSeed
{
    private static readonly string[] Stages = ["prospecting", "contact", "identify-need", "present-offer", "handle-objections"];
    private static readonly string[] Companies = ["Nordlys Freight", "Brightwater Foods", "Keystone Clinics", "Halden Steel", "Orbit Telecom", "Sundby Energi"];

    /// <summary>Seeds <paramref name="deals"/> deals for a new tenant; returns the tenant and the names of its open deals.</summary>
    public static async Task<(string Tenant, IReadOnlyList<string> OpenNames)> SeedAsync(string connectionString, int deals)
    {
        var tenant = "bench-team-" + Guid.NewGuid().ToString("N")[..8];
        var pk = Keys.Partition(tenant);
        var table = new TableServiceClient(connectionString).GetTableClient(TableStorage.DealsTable);
        await table.CreateIfNotExistsAsync();
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var names = new List<string>();
        var batch = new List<TableTransactionAction>();
        for (var i = 0; i < deals; i++)
        {
            var open = i % 5 < 2;
            var created = now.AddDays(-random.Next(30, 730));
            var stage = random.Next(Stages.Length);
            var deal = new Deal
            {
                Id = $"D-B{i:D5}",
                Name = $"{Companies[i % Companies.Length]} q{i:D5}",
                Owner = new UserRef($"u-rep{i % 8}", $"Rep {i % 8}"),
                Amount = new Money(random.Next(5, 500) * 1000, "DKK"),
                Segment = (Segment)(i % 3),
                Stage = Stages[stage],
                StageEnteredAt = now.AddDays(-random.Next(1, 60)),
                CreatedAt = created,
                CloseDate = DateOnly.FromDateTime(now.AddDays(random.Next(-30, 400)).UtcDateTime),
                StageLog = Stages.Take(stage + 1).Select((s, k) => new StageEntry(s, created.AddDays(k * 10))).ToArray(),
                Status = open ? DealStatus.Open : i % 2 == 0 ? DealStatus.Won : DealStatus.Lost,
                ClosedAt = open ? null : created.AddDays(random.Next(20, 120)) is var c && c < now ? c : now.AddDays(-1),
                Version = 1,
            };
            var row = DealEntities.ToEntity(pk, deal, "seed");
            batch.Add(Upsert(row));
            if (open)
            {
                names.Add(deal.Name);
                batch.Add(Upsert(DealEntities.Copy(row, Keys.Open(deal.Id))));
                batch.Add(Upsert(DealEntities.NameRow(pk, deal)));
                batch.AddRange(DealEntities.Words(deal.Name).Select(w => Upsert(DealEntities.WordRow(pk, w, deal))));
            }
            else
            {
                batch.Add(Upsert(DealEntities.Copy(row, Keys.Closed(DealEntities.ClosedMonth(deal.ClosedAt!.Value), deal.Id))));
            }

            if (batch.Count > 90)
            {
                await table.SubmitTransactionAsync(batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch);
        }

        return (tenant, names);
    }

    private static TableTransactionAction Upsert(TableEntity e) => new(TableTransactionActionType.UpsertReplace, e);
}
