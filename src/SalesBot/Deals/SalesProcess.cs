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

internal sealed record StageDefinition(string Key, string Name, int Probability, StallLimits StallDays, ForecastCategory Category);

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

    public static SalesProcess Default { get; } = new(
    [
        Stage("Prospecting", 10, new(5, 10, 15), ForecastCategory.Pipeline),
        Stage("Contact", 20, new(3, 7, 10), ForecastCategory.Pipeline),
        Stage("Identify need", 40, new(5, 10, 20), ForecastCategory.Pipeline),
        Stage("Present offer", 60, new(5, 10, 15), ForecastCategory.BestCase),
        Stage("Handle objections", 80, new(3, 7, 14), ForecastCategory.Commit),
    ]);

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

        var exact = Stages.Where(s => TextKey.Normalize(s.Name) == wanted || s.Key == wanted).ToArray();
        if (exact.Length > 0)
        {
            return exact;
        }

        var prefix = Stages.Where(s => TextKey.Normalize(s.Name).StartsWith(wanted, StringComparison.Ordinal)).ToArray();
        if (prefix.Length > 0)
        {
            return prefix;
        }

        return Stages.Where(s => TextKey.Normalize(s.Name).Split(' ').Any(w => w.StartsWith(wanted, StringComparison.Ordinal))).ToArray();
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
