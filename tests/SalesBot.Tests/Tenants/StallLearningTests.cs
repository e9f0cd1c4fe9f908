using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Pipeline;
using SalesBot.Tenants;
using SalesBot.Tests.Import;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Tenants;

/// <summary>Stall limits learned from won deals: the maths on a hand-made history, then a real import end to end.</summary>
public sealed class StallLearningTests
{
    private static readonly TenantSettings Team = TestTeams.Copenhagen;

    private static readonly DateOnly Today = new(2026, 11, 27);

    /// <summary>A deal that entered Present offer on Monday 1 June 2026 and was won after <paramref name="days"/> business days there.</summary>
    private static Deal Won(int days, Segment segment = Segment.MidMarket, DateOnly? enteredOn = null, DealStatus status = DealStatus.Won)
    {
        var entered = enteredOn ?? new DateOnly(2026, 6, 1);
        var left = BusinessDays.Add(entered, days, []);
        DateTimeOffset At(DateOnly d) => new(d.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(2));
        return new Deal
        {
            Id = "D-" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(),
            Name = "x",
            Owner = new UserRef("u", "U"),
            Stage = "handle-objections",
            Segment = segment,
            Status = status,
            StageLog = [new("prospecting", At(entered.AddDays(-7))), new("present-offer", At(entered)), new("handle-objections", At(left))],
            ClosedAt = At(left.AddDays(3)),
        };
    }

    [Fact]
    public void The_learned_limit_is_the_80th_percentile_by_nearest_rank_of_the_won_deals_times_in_the_stage()
    {
        // Ten won mid-market deals spent 2, 3, … 10 and 20 business days in Present offer: rank ⌈0.8 × 10⌉ = 8 → 9 days.
        var history = new[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, 20 }.Select(d => Won(d)).ToList();
        history.Add(Won(30, status: DealStatus.Lost));                               // lost: not learned from
        history.Add(Won(40, enteredOn: new DateOnly(2025, 6, 2)));                   // won over 12 months ago: not learned from
        history.AddRange(new[] { 1, 2, 3 }.Select(d => Won(d, Segment.Enterprise))); // three: too few to trust

        var suggestions = StallLearning.Suggest(history, Team, Today);

        var offerMid = Assert.Single(suggestions, s => s.Stage == "present-offer" && s.Segment == Segment.MidMarket);
        Assert.Equal((10, 10, 9, true), (offerMid.Sample, offerMid.CurrentLimit, offerMid.Learned, offerMid.Differs));
        var offerEnterprise = Assert.Single(suggestions, s => s.Stage == "present-offer" && s.Segment == Segment.Enterprise);
        Assert.Equal((3, 15, (int?)null, false), (offerEnterprise.Sample, offerEnterprise.CurrentLimit, offerEnterprise.Learned, offerEnterprise.Differs));
        // Their week in Prospecting ended by jumping over Contact and Identify need: time nobody recorded stage by stage, left out.
        Assert.Equal(0, Assert.Single(suggestions, s => s.Stage == "prospecting" && s.Segment == Segment.MidMarket).Sample);
        Assert.Equal(SalesProcess.Default.Stages.Count * 3, suggestions.Count);
    }

    [Fact]
    public void A_stage_visited_twice_counts_both_visits_and_the_rank_never_leaves_the_sample()
    {
        var deal = Won(3) with
        {
            StageLog =
            [
                new("present-offer", new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)),
                new("identify-need", new DateTimeOffset(2026, 6, 4, 9, 0, 0, TimeSpan.Zero)),
                new("present-offer", new DateTimeOffset(2026, 6, 8, 9, 0, 0, TimeSpan.Zero)),
                new("handle-objections", new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero)),
            ],
        };
        Assert.Equal(3 + 2, StallLearning.DaysPerStage(deal, Team)["present-offer"]);

        // As a CRM export has it: won the day it entered its last stage, which says nothing about that stage.
        var exported = Won(3) with { ClosedAt = new DateTimeOffset(2026, 6, 4, 15, 0, 0, TimeSpan.Zero), StageLog = [new("contact", new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)), new("identify-need", new DateTimeOffset(2026, 6, 4, 9, 0, 0, TimeSpan.Zero))] };
        Assert.Equal(new Dictionary<string, int> { ["contact"] = 3 }, StallLearning.DaysPerStage(exported, Team));
        Assert.Equal(7, StallLearning.NearestRank([7], 80));
        Assert.Equal(1, StallLearning.NearestRank([1, 2, 3, 4, 5], 1));
        Assert.Equal(5, StallLearning.NearestRank([1, 2, 3, 4, 5], 100));
    }

    [Fact]
    public async Task Once_the_teams_sums_are_counted_suggestions_and_the_stalled_card_are_learned_without_reading_a_closed_deal()
    {
        var requests = new StorageRequests();
        await using var app = await SalesBotApp.StartAsync(services: s => s.AddSingleton<HttpPipelinePolicy>(requests));
        var tenant = AppFixture.NewTenant();
        await ImportedTeam.MeetPeopleAsync(app, tenant);
        // As above, and eight more won deals (a second page of history) that the sums count the same way.
        var rows = new[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 2, 3, 4, 5, 6, 7, 8, 9 }.Select((days, i) =>
        {
            var closed = BusinessDays.Add(new DateOnly(2026, 6, 1), days, []);
            return $"H-{i},History {i},100000,DKK,{(i < 10 ? "mid" : "smb")},Present offer,won,Ann Berg,{closed:yyyy-MM-dd},2026-05-25 09:00:00,2026-06-01 09:00:00,{closed:yyyy-MM-dd} 09:00:00,";
        }).Append("H-open,Stuck Now,250000,DKK,mid,Present offer,open,Ann Berg,2026-12-31,2026-10-01 09:00:00,2026-11-02 09:00:00,,");
        Assert.Equal(19, (await ImportedTeam.ImportAsync(app, tenant, rows)).Imported);
        Assert.True(await app.Service<IPipelineSums>().RecountAsync(await app.Service<TenantSettingsProvider>().GetAsync(tenant), CancellationToken.None));

        requests.Clear();
        var suggest = await app.SayAsync("config stall suggest", "u-maria", "Maria", tenant);
        Assert.Contains("Present offer · Mid-market: now 10, your won deals suggest 9 business days (10 deals)", suggest.Items);
        Assert.Contains("Present offer · SMB: now 5, your won deals suggest 8 business days (8 deals)", suggest.Items);
        var card = await app.SayAsync("deal show Stuck Now", "u-ann", "Ann", tenant);
        Assert.Contains(card.Fields, f => f.Label == "Stalled" && f.Value.Contains("your won deals usually leave it within 9", StringComparison.Ordinal));
        Assert.DoesNotContain(requests.Queries, q => q.Contains("closed|", StringComparison.Ordinal));
        Assert.Contains(requests.Queries, q => q.Contains("sum|b|w|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_team_imported_with_a_year_of_history_gets_suggestions_applies_them_and_a_stalled_card_names_the_usual_time()
    {
        await using var app = await SalesBotApp.StartAsync();
        var tenant = AppFixture.NewTenant();
        await ImportedTeam.MeetPeopleAsync(app, tenant);
        // Ten mid-market deals won after 2…10 and 20 business days in Present offer (entered Monday 1 June 2026), created a week before.
        var rows = new[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, 20 }.Select((days, i) =>
        {
            var closed = BusinessDays.Add(new DateOnly(2026, 6, 1), days, []);
            return $"H-{i},History {i},100000,DKK,mid,Present offer,won,Ann Berg,{closed:yyyy-MM-dd},2026-05-25 09:00:00,2026-06-01 09:00:00,{closed:yyyy-MM-dd} 09:00:00,";
        }).Append("H-open,Stuck Now,250000,DKK,mid,Present offer,open,Ann Berg,2026-12-31,2026-10-01 09:00:00,2026-11-02 09:00:00,,");
        Assert.Equal(11, (await ImportedTeam.ImportAsync(app, tenant, rows)).Imported);

        (await app.SayAsync("config stall suggest", "u-ann", "Ann", tenant)).ShouldFail("Only managers");
        var suggest = await app.SayAsync("config stall suggest", "u-maria", "Maria", tenant);
        suggest.ShouldSucceed("80th percentile");
        Assert.Contains("Present offer · Mid-market: now 10, your won deals suggest 9 business days (10 deals)", suggest.Items);
        Assert.DoesNotContain(suggest.Items, i => i.StartsWith("Prospecting", StringComparison.Ordinal));
        var applyAll = suggest.Buttons[0];
        Assert.Equal(("Apply all (1)", "config stall suggest apply"), (applyAll.Label, applyAll.Command));
        Assert.Equal(["config stall Present offer mid 9"], suggest.Buttons.Skip(1).Select(b => b.Command));

        (await app.ClickAsync(applyAll, "u-maria", "Maria", tenant)).ShouldSucceed("Learned stall limits applied (1):", "Present offer · Mid-market: 10 → 9 business days");
        Assert.Contains("stalled after 5/9/15 business days", (await app.SayAsync("config stages", "u-maria", "Maria", tenant)).Items.Single(i => i.StartsWith("Present offer", StringComparison.Ordinal)));
        (await app.SayAsync("config stall suggest apply", "u-maria", "Maria", tenant)).ShouldSucceed("nothing changed");

        var card = await app.SayAsync("deal show Stuck Now", "u-ann", "Ann", tenant);
        Assert.Contains(card.Fields, f => f.Label == "Stalled" && f.Value.Contains("your won deals usually leave it within 9", StringComparison.Ordinal));
        var stalled = await app.SayAsync("pipeline this quarter deals stalled", "u-maria", "Maria", tenant);
        Assert.Contains(stalled.Items, i => i.StartsWith("Stuck Now", StringComparison.Ordinal) && i.EndsWith("(won deals usually leave within 9)", StringComparison.Ordinal));
    }
}
