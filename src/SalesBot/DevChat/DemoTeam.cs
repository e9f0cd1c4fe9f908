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
        [new("u-ann", "Ann Berg"), new("u-bob", "Bo Dahl"), new("u-carla", "Camilla Holm"), new("u-david", "Mads Lund")];

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

    /// <summary>What the team writes, in English and in Danish: lost reasons, notes, and the note on a won deal.</summary>
    private sealed record Words(string[] LostReasons, string[] Notes, string Won);

    private static readonly Words English = new(
        ["chose a competitor", "no budget this year", "project cancelled", "price too high", "went quiet"],
        ["pricing ok", "sent proposal", "CFO joined", "needs security review", "follow up after budget meeting", "asked for references"],
        "signed");

    private static readonly Words Danish = new(
        ["valgte en konkurrent", "intet budget i år", "projektet er droppet", "for dyrt", "gik i stå"],
        ["pris ok", "tilbud sendt", "økonomichefen var med", "skal igennem it-sikkerhed", "følg op efter budgetmødet", "bad om referencer"],
        "kontrakt underskrevet");

    private static readonly InteractionKind[] Kinds = [InteractionKind.Call, InteractionKind.Email, InteractionKind.Meeting, InteractionKind.Demo];

    /// <summary>
    /// Loads the team into <paramref name="tenant"/>; returns how many deals it has. With <paramref name="language"/>
    /// "da" the team's language is Danish (its stages carry the Danish names) and its notes are written in Danish.
    /// </summary>
    public async Task<int> LoadAsync(string tenant, CancellationToken ct, string? language = null)
    {
        var danish = Languages.Of(language) == Languages.Danish;
        var words = danish ? Danish : English;
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

        if (danish && Languages.Of(team.Locale) != Languages.Danish)
        {
            await settings.SetAsync(tenant, new TeamSetting("locale", "team", Languages.Danish), new SettingsChange(clock.GetUtcNow(), Manager, "The team's language is Danish (demo team)"), ct);
            tenants.Invalidate(tenant);
            team = await tenants.GetAsync(tenant, ct);
        }

        var random = new Random(2026);
        var now = clock.GetUtcNow();
        for (var i = 0; i < Companies.Length; i++)
        {
            await LoadDealAsync(tenant, team, words, i, random, now, ct);
        }

        return Companies.Length;
    }

    private async Task LoadDealAsync(string tenant, TenantSettings team, Words words, int i, Random random, DateTimeOffset now, CancellationToken ct)
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

        // A Danish pipeline reads with the company forms: "Nordlys Energi A/S", "Fjord Foods ApS".
        var name = words == Danish ? Companies[i] + (i % 3 == 1 ? " ApS" : " A/S") : Companies[i];
        var deal = await ApplyAsync(tenant, team, null, DealRules.Create(id, name, owner, new Money(amount, team.Currency), segment,
            outcome == DealStatus.Open ? close : null, process, owner, created), $"{i}|{step++}", ct);
        var lastMove = outcome == DealStatus.Open ? entered : created.AddDays(random.Next(20, 50));
        var gap = targetStage == 0 ? TimeSpan.Zero : (lastMove - created) / targetStage;
        for (var s = 1; s <= targetStage; s++)
        {
            var at = s == targetStage ? lastMove : created + gap * s;
            if (random.Next(3) > 0)
            {
                deal = await ApplyAsync(tenant, team, deal, DealRules.Log(deal.Deal, Kinds[random.Next(Kinds.Length)], words.Notes[random.Next(words.Notes.Length)], owner, at - gap / 2), $"{i}|{step++}", ct);
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
            ? DealRules.Win(deal.Deal, words.Won, owner, closedAt)
            : DealRules.Lose(deal.Deal, words.LostReasons[random.Next(words.LostReasons.Length)], owner, closedAt), $"{i}|{step}", ct);
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
