using System.Globalization;
using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Feed;

/// <summary>What happened to a deal that a feed can post.</summary>
internal enum FeedEventKind
{
    Won,
    Lost,
    New,
    Stage,
}

/// <summary>
/// One channel's deals feed, kept as a team setting (kind "feed", key the channel id, extra its name): which events it
/// posts. <paramref name="NewAtLeast"/> is in the team's currency. <paramref name="ManagersOnly"/>: a manager declared the
/// channel to be for managers, so it may show every deal even where reps see only their own.
/// </summary>
internal sealed record FeedSubscription(
    string Channel, string Name, bool Won, bool Lost, bool New, decimal? NewAtLeast, IReadOnlyList<string> Stages, bool ManagersOnly)
{
    public const string Kind = "feed";

    public TeamSetting ToSetting() => new(Kind, Channel, Spec(), Name);

    private string Spec()
    {
        var words = new List<string>();
        if (Won)
        {
            words.Add("won");
        }

        if (Lost)
        {
            words.Add("lost");
        }

        if (New)
        {
            words.Add(NewAtLeast is { } min ? "new>=" + min.ToString(CultureInfo.InvariantCulture) : "new");
        }

        words.AddRange(Stages.Select(s => "stage=" + s));
        if (ManagersOnly)
        {
            words.Add("managers");
        }

        return string.Join(' ', words);
    }

    public static FeedSubscription? From(TeamSetting setting)
    {
        if (setting.Kind != Kind)
        {
            return null;
        }

        var words = setting.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var min = words.FirstOrDefault(w => w.StartsWith("new>=", StringComparison.Ordinal)) is { } n
            && decimal.TryParse(n[5..], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : (decimal?)null;
        return new FeedSubscription(
            setting.Key, setting.Extra ?? setting.Key, words.Contains("won"), words.Contains("lost"),
            min is not null || words.Contains("new"), min,
            [.. words.Where(w => w.StartsWith("stage=", StringComparison.Ordinal)).Select(w => w[6..])], words.Contains("managers"));
    }

    public static IReadOnlyList<FeedSubscription> Of(TenantSettings tenant) =>
        [.. tenant.StoredSettings.Select(From).OfType<FeedSubscription>()];

    /// <summary>
    /// The rule that keeps a feed from showing a deal to people who may not see it: in a team where reps see only their own
    /// deals, a feed posts only to a channel a manager declared to be for managers.
    /// </summary>
    public bool MayPostIn(TenantSettings tenant) => tenant.TeamVisibility || ManagersOnly;

    /// <summary>
    /// What this change of a deal means to this feed, if anything: won, lost, a new deal (from the threshold, compared in
    /// the team's currency), or a move into one of the chosen stages. An import records the past, not news: never posted.
    /// </summary>
    public FeedEventKind? EventOf(Deal? before, DealChange change, decimal? amountInTeamCurrency)
    {
        var after = change.After;
        if (change.Earlier.Count > 0 || (change.Event.Kind == DealEventKind.Created && change.Event.Text == "imported"))
        {
            return null;
        }

        if (before is null)
        {
            return New && (NewAtLeast is not { } min || amountInTeamCurrency >= min) ? FeedEventKind.New : null;
        }

        if (before.IsOpen && after.Status == DealStatus.Won)
        {
            return Won ? FeedEventKind.Won : null;
        }

        if (before.IsOpen && after.Status == DealStatus.Lost)
        {
            return Lost ? FeedEventKind.Lost : null;
        }

        return after.IsOpen && before.Stage != after.Stage && Stages.Contains(after.Stage, StringComparer.Ordinal) ? FeedEventKind.Stage : null;
    }
}
