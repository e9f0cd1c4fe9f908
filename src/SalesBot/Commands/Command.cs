using SalesBot.Deals;

namespace SalesBot.Commands;

/// <summary>A parsed command; one record per verb.</summary>
internal abstract record Command;

/// <summary>
/// How the user named a deal. <paramref name="Before"/> and <paramref name="After"/> are the command text around the
/// reference, so a reply can offer the same command for each candidate deal. With <paramref name="Tail"/> the text may
/// run on into free text (<c>deal won Acme Corp signed today</c>); the resolver finds where the name ends.
/// </summary>
internal sealed record DealRef(string Text, string Before, string After, bool Tail = false)
{
    public string CommandFor(string dealId) => string.Join(' ', new[] { Before, dealId, After }.Where(s => s.Length > 0));
}

internal sealed record NewDeal(string Name, Money? Amount, Segment? Segment, DateOnly? Close, string? Owner) : Command;

internal sealed record AdvanceDeal(DealRef Deal, string? To, string? From) : Command;

internal sealed record BackDeal(DealRef Deal, string? From) : Command;

internal sealed record LogInteraction(DealRef Deal, InteractionKind Kind, string? Text) : Command;

internal sealed record SetNextStep(DealRef Deal, DateOnly Date, string? Text) : Command;

internal sealed record SnoozeDeal(DealRef Deal, DateOnly Until, string? Reason) : Command;

internal sealed record WinDeal(DealRef Deal, string? Note) : Command;

internal sealed record LoseDeal(DealRef Deal, string? Reason) : Command;

internal sealed record ReopenDeal(DealRef Deal) : Command;

internal enum DealField
{
    Amount,
    Close,
    Segment,
    Owner,
    Name,
    Category,
}

/// <summary><paramref name="Value"/> is typed by field: Money, DateOnly, Segment, ForecastCategory or string.</summary>
internal sealed record SetDealField(DealRef Deal, DealField Field, object Value) : Command;

internal sealed record ShowDeal(DealRef Deal) : Command;

internal enum ListScope
{
    Mine,
    All,
    Stalled,
    Stage,
    User,
    /// <summary>Open deals whose close date moved later twice or more (the digest's list).</summary>
    Slipped,
}

/// <summary>Open deals; <paramref name="Page"/> counts from 1.</summary>
internal sealed record ListDeals(ListScope Scope, string? Argument, int Page = 1) : Command;

internal sealed record Help(string? Topic) : Command;

/// <summary>
/// <c>deal language [en|da|auto]</c>: the asker's reply language. <paramref name="Language"/> is "en", "da", or null for
/// "follow my chat app and the team again"; <paramref name="JustShow"/> asks which language is in use and why.
/// </summary>
internal sealed record ChooseLanguage(string? Language, bool JustShow = false) : Command;

/// <summary>
/// <c>pipeline [period] [mine|team|@user] [smb|mid|enterprise] [deals &lt;group&gt;] [share]</c>. <paramref name="Who"/> is
/// "mine", "team", a mention, or null for the default of the asker's role.
/// </summary>
internal sealed record ShowPipeline(Period Period, string? Who, Segment? Segment, string? Deals, bool Share) : Command
{
    /// <summary>The page of a drill-down list (<see cref="Deals"/>), from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>With a picture of the pipeline (<c>pipeline … chart</c>).</summary>
    public bool Chart { get; init; }

    /// <summary><c>pipeline accuracy [period]</c>: past forecasts against what was won.</summary>
    public bool Accuracy { get; init; }

    /// <summary><c>pipeline snapshot</c> (managers): record today's forecast now.</summary>
    public bool Snapshot { get; init; }

    /// <summary>A period was typed (else <see cref="Period"/> is the current quarter).</summary>
    public bool PeriodTyped { get; init; }
}

internal enum ConfigAction
{
    ShowStages,
    StallLimit,
    Probability,
    AddManager,
    RemoveManager,
    Quota,
    ExportPerson,
    ForgetPerson,
    ForgetPersonConfirmed,
    TeamLanguage,
    SuggestStall,
    ApplyStallSuggestions,
}

/// <summary>A team setting changed from chat; only managers may. <paramref name="Language"/> is for <see cref="ConfigAction.TeamLanguage"/>.</summary>
internal sealed record Configure(ConfigAction Action, string? Stage = null, Segment? Segment = null, int? Number = null,
    string? Person = null, Money? Amount = null, Period? Period = null, string? Language = null) : Command;

/// <summary>
/// <c>config feed [here|#channel] [won] [lost] [new[&gt;=amount]] [stage:&lt;stage&gt;]… [managers]</c>: what the team's deals
/// feed posts in a channel; <c>config feed off [here|#channel]</c> stops it; <c>config feed</c> lists the feeds.
/// <paramref name="Channel"/> is "#&lt;id&gt;", or null for the conversation the command was typed in.
/// <paramref name="New"/> posts new deals, from <paramref name="NewAtLeast"/> when set.
/// </summary>
internal sealed record ConfigureFeed(
    string? Channel, bool Off = false, bool JustShow = false, bool Won = false, bool Lost = false, bool New = false, Money? NewAtLeast = null,
    IReadOnlyList<string>? Stages = null, bool ManagersOnly = false) : Command;

/// <summary>
/// <c>deal brief on|off [HH:mm]</c>: the asker's morning brief; <c>deal brief now</c> shows today's at once. <paramref name="On"/> null just shows the setting;
/// <paramref name="At"/> is the local time it comes (the start of the working day when null).
/// </summary>
internal sealed record ChooseBrief(bool? On, TimeOnly? At = null, bool Now = false) : Command;

/// <summary>Why text could not be read as a command, and which usage to show.</summary>
internal sealed record ParseError(string Reason, string? Usage, params object[] Args);
