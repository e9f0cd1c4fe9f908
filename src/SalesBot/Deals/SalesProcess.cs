namespace SalesBot.Deals;

/// <summary>Business days a deal may stay in a stage before it counts as stalled, per segment.</summary>
internal sealed record StallLimits(int Smb, int MidMarket, int Enterprise)
{
    public int For(Segment segment) => segment switch
    {
        Segment.Smb => Smb,
        Segment.MidMarket => MidMarket,
        _ => Enterprise,
    };
}

/// <summary>
/// One open stage. <paramref name="OtherNames"/> are names it also answers to when typed (the default stages' names in
/// the other language), never shown.
/// </summary>
internal sealed record StageDefinition(string Key, string Name, int Probability, StallLimits StallDays, ForecastCategory Category, IReadOnlyList<string>? OtherNames = null)
{
    /// <summary>Every name the stage answers to, its own first.</summary>
    public IEnumerable<string> Names => OtherNames is null ? [Name] : OtherNames.Prepend(Name);
}

/// <summary>A team's ordered open stages. Won and lost are statuses, not stages.</summary>
internal sealed class SalesProcess
{
    public SalesProcess(IReadOnlyList<StageDefinition> stages)
    {
        if (stages.Count == 0)
        {
            throw new ArgumentException("A sales process needs at least one stage.", nameof(stages));
        }

        Stages = stages;
    }

    /// <summary>The stages of the Danish guide the default process comes from: (English name, Danish name, short Danish name).</summary>
    private static readonly (string English, string Danish, string Short, int Probability, StallLimits Limits, ForecastCategory Category)[] DefaultStages =
    [
        ("Prospecting", "Prospecting", "Prospecting", 10, new(5, 10, 15), ForecastCategory.Pipeline),
        ("Contact", "Tage kontakt", "Kontakt", 20, new(3, 7, 10), ForecastCategory.Pipeline),
        ("Identify need", "Identificere et behov", "Behov", 40, new(5, 10, 20), ForecastCategory.Pipeline),
        ("Present offer", "Præsentere tilbud", "Tilbud", 60, new(5, 10, 15), ForecastCategory.BestCase),
        ("Handle objections", "Håndtere indvendinger", "Indvendinger", 80, new(3, 7, 14), ForecastCategory.Commit),
    ];

    /// <summary>The default process with English names; the Danish names are understood too.</summary>
    public static SalesProcess Default { get; } = new(
        [.. DefaultStages.Select(s => new StageDefinition(KeyOf(s.English), s.English, s.Probability, s.Limits, s.Category, [s.Danish, s.Short]))]);

    /// <summary>
    /// The same process under the guide's Danish names, for a team whose language is Danish: the same keys, so reports
    /// and history stay comparable, and the English names are understood too.
    /// </summary>
    public static SalesProcess DefaultDanish { get; } = new(
        [.. DefaultStages.Select(s => new StageDefinition(KeyOf(s.English), s.Danish, s.Probability, s.Limits, s.Category, [s.English, s.Short]))]);

    /// <summary>The default process under the names of <paramref name="danish"/> or English.</summary>
    public static SalesProcess DefaultIn(bool danish) => danish ? DefaultDanish : Default;

    /// <summary>True for the default process in either language (not a team's own stages).</summary>
    public bool IsDefault => this == Default || this == DefaultDanish;

    public IReadOnlyList<StageDefinition> Stages { get; }

    public StageDefinition First => Stages[0];

    public static StageDefinition Stage(string name, int probability, StallLimits limits, ForecastCategory category) =>
        new(KeyOf(name), name, probability, limits, category);

    public static string KeyOf(string stageName) => TextKey.Normalize(stageName).Replace(' ', '-');

    /// <summary>The stage with this key; a key no longer configured maps to the first stage rather than failing.</summary>
    public StageDefinition Get(string key) => Stages.FirstOrDefault(s => s.Key == key) ?? First;

    public int IndexOf(string key) => Stages.ToList().FindIndex(s => s.Key == key);

    public StageDefinition? Next(string key)
    {
        var i = IndexOf(key);
        return i >= 0 && i + 1 < Stages.Count ? Stages[i + 1] : null;
    }

    public StageDefinition? Previous(string key)
    {
        var i = IndexOf(key);
        return i > 0 ? Stages[i - 1] : null;
    }

    /// <summary>Finds a stage by name, key, a unique prefix, or a unique word ("offer" → Present offer).</summary>
    public IReadOnlyList<StageDefinition> Find(string text)
    {
        var wanted = TextKey.Normalize(text);
        if (wanted.Length == 0)
        {
            return [];
        }

        var exact = Stages.Where(s => s.Key == wanted || s.Names.Any(n => TextKey.Normalize(n) == wanted)).ToArray();
        if (exact.Length > 0)
        {
            return exact;
        }

        var prefix = Stages.Where(s => s.Names.Any(n => TextKey.Normalize(n).StartsWith(wanted, StringComparison.Ordinal))).ToArray();
        if (prefix.Length > 0)
        {
            return prefix;
        }

        return Stages.Where(s => s.Names.Any(n => TextKey.Normalize(n).Split(' ').Any(w => w.StartsWith(wanted, StringComparison.Ordinal)))).ToArray();
    }

    public int Probability(Deal deal) => deal.Status switch
    {
        DealStatus.Won => 100,
        DealStatus.Lost => 0,
        _ => Get(deal.Stage).Probability,
    };

    public ForecastCategory Category(Deal deal) => deal.Category ?? Get(deal.Stage).Category;

    /// <summary>
    /// The one place a stall limit is looked up, so a limit learned from the team's own history can replace
    /// the configured one later.
    /// </summary>
    public int StallLimit(string stage, Segment segment) => Get(stage).StallDays.For(segment);
}
