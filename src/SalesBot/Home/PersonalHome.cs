using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Pipeline;
using SalesBot.Reminders;
using SalesBot.Tenants;

namespace SalesBot.Home;

/// <summary>
/// A person's home: their day (next steps due today and overdue), their stalled deals with the nudge's buttons, their
/// pipeline this quarter in one line, and for managers the team's stalled count. Channel-neutral sections a channel lays
/// out on its home surface (Slack's App Home).
/// </summary>
internal sealed class PersonalHome(IDealStore store, TenantSettingsProvider tenants, IUserDirectory directory, NudgeReplies nudges, DealText text, Phrases t, TimeProvider clock)
{
    public const int StalledShown = 5;

    public async Task<IReadOnlyList<Reply>> ForAsync(string tenant, string userId, CancellationToken ct)
    {
        var settings = await tenants.GetAsync(tenant, ct);
        var profile = await directory.ProfileOfAsync(tenant, userId, ct);
        Languages.Use(Languages.Pick(profile?.Language, profile?.Locale, settings.Locale));
        var now = clock.GetUtcNow();
        var today = settings.Today(now);
        var isManager = settings.IsManager(userId);
        // The team's open deals only for a manager's team count; a rep's home reads their own.
        var open = await store.ListAsync(tenant, new DealQuery(OpenOnly: true, OwnerId: isManager ? null : userId, Max: 100_000), ct);
        var mine = open.Where(d => d.Owner.Id == userId).ToArray();
        var quarter = Periods.QuarterOf(today, settings.FiscalYearStartMonth);
        var closing = mine.Where(d => PipelineMath.ClosesIn(d, quarter)).ToArray();
        var total = closing.Sum(d => PipelineMath.ToBase(d.Amount, settings) ?? 0);
        var weighted = closing.Sum(d => (PipelineMath.ToBase(d.Amount, settings) ?? 0) * settings.Process.Get(d.Stage).Probability / 100m);
        var pipeline = t["HomePipeline", DealText.Period(quarter), closing.Length, text.Money(new Money(total, settings.Currency)), text.Money(new Money(Math.Round(weighted), settings.Currency))];

        var sections = new List<Reply>
        {
            new(t["HomeHeader", DealText.Date(today)] + "\n" + pipeline)
            {
                Header = t["HomeHeader", DealText.Date(today)],
                Lead = pipeline,
                Buttons = [new(t["ButtonNewDealForm"], "deal new", ButtonStyle.Primary), new(t["ButtonLogInteraction"], "deal log"), new(t["ButtonMyDeals"], "deal list"),
                    new(t["ButtonMyPipeline"], "pipeline")],
            },
        };

        var steps = mine.Where(d => d.NextStep is { } n && n.Date <= today).OrderBy(d => d.NextStep!.Date)
            .Select(d => d.NextStep!.Date == today
                ? t["BriefStepToday", d.Name, d.NextStep!.Text ?? t["BriefNoStepText"]]
                : t["BriefStepOverdue", d.Name, d.NextStep!.Text ?? t["BriefNoStepText"], DealText.Date(d.NextStep!.Date)])
            .ToArray();
        sections.Add(new Reply(t["HomeStepsHeader"] + "\n" + (steps.Length == 0 ? t["HomeNoSteps"] : string.Join("\n", steps)))
        {
            Header = t["HomeStepsHeader"],
            Lead = steps.Length == 0 ? t["HomeNoSteps"] : null,
            Items = steps,
        });

        var stalled = mine.Where(d => StallPolicy.IsStalled(d, settings, today)).OrderByDescending(d => StallPolicy.DaysOverLimit(d, settings, today)).ToArray();
        sections.Add(new Reply(stalled.Length == 0 ? t["HomeNoStalled"] : t["HomeStalledHeader", stalled.Length])
        {
            Header = stalled.Length == 0 ? null : t["HomeStalledHeader", stalled.Length],
            Footer = stalled.Length > StalledShown ? t["HomeMoreStalled", stalled.Length - StalledShown] : null,
        });
        sections.AddRange(stalled.Take(StalledShown).Select(d => nudges.Nudge(d, settings, today, StallPolicy.DaysOverLimit(d, settings, today)) with { Header = d.Name }));

        if (isManager)
        {
            var teamStalled = open.Count(d => StallPolicy.IsStalled(d, settings, today));
            sections.Add(new Reply(t["HomeTeam", teamStalled, open.Count])
            {
                Header = t["HomeTeamHeader"],
                Lead = t["HomeTeam", teamStalled, open.Count],
                Buttons = [new(t["ButtonStalledTeam"], "stalled team"), new(t["ButtonTeamPipeline"], "pipeline this quarter team")],
            });
        }

        return sections;
    }
}
