using SalesBot.Deals;
using SalesBot.Reminders;
using SalesBot.Tenants;

namespace SalesBot.DevChat;

/// <summary>
/// A realistic team to try SalesBot with: four reps and a manager, 60 deals across the segments with two years of
/// history (stage moves, calls, meetings, won and lost with reasons), some stalled, some with slipped close dates.
/// The same seed gives the same team, placed relative to today; loading it twice changes nothing the second time.
/// </summary>
internal sealed class DemoTeam(DealWriter writer, IUserDirectory directory, ITeamSettingsStore settings, TenantSettingsProvider tenants,
    ReminderScheduler scheduler, TimeProvider clock)
{
    public static readonly UserRef Manager = new("u-maria", "Maria Skov");

    public static readonly IReadOnlyList<UserRef> Reps =
        [new("u-ann", "Ann Berg"), new("u-bob", "Bob Dahl"), new("u-carla", "Carla Holm"), new("u-david", "David Lund")];

    private static readonly string[] Companies =
    [
        "Nordlys Energi", "Havn Logistik", "Fjord Foods", "Bølge Media", "Kastrup Aviation", "Skov Møbler", "Viking Byg",
        "Aros Software", "Limfjord Fisk", "Mols Bryghus", "Hygge Home", "Storebælt Shipping", "Tivoli Events", "Ribe Print",
        "Odense Robotics", "Aalborg Cement Partners", "Esbjerg Offshore", "Roskilde Retail", "Herning Textiles", "Vejle Pharma",
        "Silkeborg Paper", "Kolding Design", "Horsens Dairy", "Randers Rail", "Viborg Water", "Holstebro Wind", "Svendborg Marine",
        "Nyborg Glass", "Ringkøbing Agro", "Thisted Data", "Skagen Hotels", "Helsingør Health", "Næstved Metal", "Slagelse Solar",
        "Hillerød Labs", "Køge Packaging", "Frederikshavn Ferries", "Hjørring Farms", "Sønderborg Electronics", "Tønder Textil",
        "Haderslev Bank", "Aabenraa Port", "Middelfart Bridges", "Fredericia Chemicals", "Grenaa Biotech", "Ebeltoft Glas",
        "Skive Steel", "Lemvig Fiber", "Struer Audio", "Varde Construction", "Billund Toys Supply", "Ikast Insurance",
        "Brande Logistics", "Give Grain", "Tarm Tools", "Bjerringbro Pumps", "Hobro Furniture", "Mariager Salt", "Nakskov Sugar",
        "Rønne Granite",
    ];

    private static readonly string[] LostReasons = ["chose a competitor", "no budget this year", "project cancelled", "price too high", "went quiet"];
    private static readonly InteractionKind[] Kinds = [InteractionKind.Call, InteractionKind.Email, InteractionKind.Meeting, InteractionKind.Demo];
    private static readonly string[] Notes = ["pricing ok", "sent proposal", "CFO joined", "needs security review", "follow up after budget meeting", "asked for references"];

    /// <summary>Loads the team into <paramref name="tenant"/>; returns how many deals it has.</summary>
    public async Task<int> LoadAsync(string tenant, CancellationToken ct)
    {
        foreach (var person in Reps.Append(Manager))
        {
            await directory.RememberAsync(tenant, person, "Europe/Copenhagen", null, null, ct);
        }

        var team = await tenants.GetAsync(tenant, ct);
        if (!team.IsManager(Manager.Id))
        {
            await settings.SetAsync(tenant, new TeamSetting("manager", Manager.Id, Manager.Name), new SettingsChange(clock.GetUtcNow(), Manager, "Maria Skov is a manager (demo team)"), ct);
            tenants.Invalidate(tenant);
            team = await tenants.GetAsync(tenant, ct);
        }

        var random = new Random(2026);
        var now = clock.GetUtcNow();
        for (var i = 0; i < Companies.Length; i++)
        {
            await LoadDealAsync(tenant, team, i, random, now, ct);
        }

        return Companies.Length;
    }

    private async Task LoadDealAsync(string tenant, TenantSettings team, int i, Random random, DateTimeOffset now, CancellationToken ct)
    {
        var process = team.Process;
        var owner = Reps[i % Reps.Count];
        var segment = (Segment)(i % 3);
        var amount = segment switch { Segment.Smb => random.Next(2, 12) * 5_000, Segment.MidMarket => random.Next(5, 30) * 10_000, _ => random.Next(20, 90) * 25_000 };
        var outcome = i < 26 ? DealStatus.Open : i % 5 < 2 ? DealStatus.Lost : DealStatus.Won;
        var targetStage = outcome == DealStatus.Open ? random.Next(0, process.Stages.Count) : random.Next(1, process.Stages.Count);

        // Open deals: a quarter have sat in their current stage far too long; the rest moved in the last few days.
        var stall = outcome == DealStatus.Open && i % 5 == 0;
        var entered = stall ? now.AddDays(-random.Next(25, 45)) : now.AddDays(-random.Next(0, 4)).AddHours(-random.Next(1, 6));
        var created = outcome != DealStatus.Open ? now.AddDays(-random.Next(60, 720))
            : targetStage == 0 ? entered
            : entered.AddDays(-random.Next(20, 90));
        var id = "D-" + new string(Enumerable.Range(0, 4).Select(_ => "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"[random.Next(32)]).ToArray());
        var step = 0;
        var close = DateOnly.FromDateTime(now.AddDays(random.Next(5, 90)).UtcDateTime);

        var deal = await ApplyAsync(tenant, team, null, DealRules.Create(id, Companies[i], owner, new Money(amount, team.Currency), segment,
            outcome == DealStatus.Open ? close : null, process, owner, created), $"{i}|{step++}", ct);
        var lastMove = outcome == DealStatus.Open ? entered : created.AddDays(random.Next(20, 50));
        var gap = targetStage == 0 ? TimeSpan.Zero : (lastMove - created) / targetStage;
        for (var s = 1; s <= targetStage; s++)
        {
            var at = s == targetStage ? lastMove : created + gap * s;
            if (random.Next(3) > 0)
            {
                deal = await ApplyAsync(tenant, team, deal, DealRules.Log(deal.Deal, Kinds[random.Next(Kinds.Length)], Notes[random.Next(Notes.Length)], owner, at - gap / 2), $"{i}|{step++}", ct);
            }

            deal = await ApplyAsync(tenant, team, deal, DealRules.Advance(deal.Deal, process, process.Stages[s].Key, deal.Deal.Stage, owner, at), $"{i}|{step++}", ct);
        }

        if (outcome == DealStatus.Open)
        {
            if (i % 7 == 1)
            {
                deal = await ApplyAsync(tenant, team, deal, DealRules.SetCloseDate(deal.Deal, close.AddDays(30), owner, now.AddDays(-20)), $"{i}|{step++}", ct);
                deal = await ApplyAsync(tenant, team, deal, DealRules.SetCloseDate(deal.Deal, close.AddDays(60), owner, now.AddDays(-6)), $"{i}|{step++}", ct);
            }

            await scheduler.AfterChangeAsync(team, deal.Deal, ct);
            return;
        }

        var closedAt = lastMove.AddDays(random.Next(5, 30));
        await ApplyAsync(tenant, team, deal, outcome == DealStatus.Won
            ? DealRules.Win(deal.Deal, "signed", owner, closedAt)
            : DealRules.Lose(deal.Deal, LostReasons[random.Next(LostReasons.Length)], owner, closedAt), $"{i}|{step}", ct);
    }

    private async Task<DealSnapshot> ApplyAsync(string tenant, TenantSettings team, DealSnapshot? before, DealDecision decision, string op, CancellationToken ct)
    {
        if (decision is not DealChange change)
        {
            return before ?? throw new InvalidOperationException("The demo team's first step was refused: " + decision);
        }

        // The demo's history is decided up front and backdated; the open deals' stall checks are placed once at the end.
        var outcome = before is null
            ? await writer.CreateAsync(tenant, _ => change, "demo|" + op, ct, firstId: change.After.Id, notify: false)
            : await writer.UpdateAsync(tenant, before, _ => change, "demo|" + op, ct, attempts: 1, notify: false);
        return (outcome as WriteResult.Written)?.Snapshot ?? (outcome as WriteResult.AlreadyWritten)?.Snapshot
            ?? throw new InvalidOperationException($"Could not load the demo team ({outcome}).");
    }
}
