using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Loader;

namespace SalesBot.Tests.Architecture;

/// <summary>
/// The shape of the code, held by tests: namespaces (one per folder) depend on each other in one direction only; the
/// deal core depends on nothing else; Slack and Teams stay in their folders; pure types touch neither I/O nor the clock.
/// </summary>
public class ArchitectureTests
{
    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded =
        new(() => new ArchLoader().LoadAssemblies(typeof(SalesBot.Deals.Deal).Assembly).Build());

    private static IEnumerable<IType> OwnTypes => Loaded.Value.Types.Where(t => Namespace(t).StartsWith("SalesBot.", StringComparison.Ordinal));

    private static string Namespace(IType type) => type.Namespace?.FullName ?? string.Empty;

    /// <summary>Namespace → the other SalesBot namespaces its types use, with one example each.</summary>
    public static Dictionary<string, Dictionary<string, string>> NamespaceGraph()
    {
        var graph = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in OwnTypes)
        {
            var from = Namespace(type);
            var edges = graph.TryGetValue(from, out var e) ? e : graph[from] = new(StringComparer.Ordinal);
            foreach (var dependency in type.Dependencies)
            {
                var to = dependency.Target is { } target ? Namespace(target) : string.Empty;
                if (to.StartsWith("SalesBot.", StringComparison.Ordinal) && to != from)
                {
                    edges.TryAdd(to, $"{type.Name} uses {dependency.Target!.Name}");
                }
            }
        }

        return graph;
    }

    [Fact]
    public void Namespaces_depend_on_each_other_in_one_direction_only()
    {
        var graph = NamespaceGraph();

        var cycles = Cycles(graph).Select(c => string.Join(" → ", c) + $" (e.g. {graph[c[0]][c[1]]})").ToArray();

        Assert.True(cycles.Length == 0, "Namespace cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void The_deal_core_depends_on_nothing_else_of_salesbot_but_its_telemetry()
    {
        var graph = NamespaceGraph();
        var uses = graph["SalesBot.Deals"].Where(u => u.Key != "SalesBot.Diagnostics").ToArray();

        Assert.True(uses.Length == 0, "SalesBot.Deals uses: " + string.Join("; ", uses.Select(u => $"{u.Key} ({u.Value})")));
        Assert.Empty(graph["SalesBot.Diagnostics"]);
    }

    [Theory]
    [InlineData("SalesBot.Slack")]
    [InlineData("SalesBot.Teams")]
    public void A_channels_types_are_used_only_inside_its_folder(string channel)
    {
        var leaks = NamespaceGraph()
            .Where(n => n.Key != channel && !n.Key.StartsWith(channel + ".", StringComparison.Ordinal) && n.Value.ContainsKey(channel))
            .Select(n => $"{n.Key}: {n.Value[channel]}")
            .ToArray();

        Assert.True(leaks.Length == 0, $"{channel} used outside its folder:\n" + string.Join("\n", leaks));
    }

    /// <summary>Types whose answers follow from their inputs alone: the language, the rules, the policies, the maths, the signature.</summary>
    public static TheoryData<string> PureTypes => new()
    {
        "SalesBot.Commands.CommandParser", "SalesBot.Commands.ArgReader", "SalesBot.Commands.DateParser", "SalesBot.Commands.DurationParser",
        "SalesBot.Commands.AmountParser", "SalesBot.Commands.PipelineArgs", "SalesBot.Deals.DealRules", "SalesBot.Deals.BusinessDays",
        "SalesBot.Deals.Periods", "SalesBot.Deals.HolidayCalendars", "SalesBot.Tenants.StallPolicy", "SalesBot.Tenants.StallLearning", "SalesBot.Reminders.NudgeSchedule", "SalesBot.Pipeline.PipelineMath",
        "SalesBot.Slack.SlackSignature",
    };

    private static readonly string[] IoNamespaces = ["System.IO", "System.Net", "Azure", "Microsoft.AspNetCore", "Microsoft.Extensions.Http"];

    [Theory]
    [MemberData(nameof(PureTypes))]
    public void A_pure_type_touches_neither_io_nor_the_clock(string typeName)
    {
        var type = Assert.Single(OwnTypes, t => t.FullName == typeName);

        var touches = type.Dependencies.Select(d => d.Target?.FullName ?? string.Empty)
            .Where(t => t == "System.TimeProvider" || IoNamespaces.Any(ns => t.StartsWith(ns + ".", StringComparison.Ordinal)))
            .Concat(type.Members.SelectMany(m => m.MemberDependencies).OfType<IMemberMemberDependency>().Select(d => d.TargetMember?.FullName ?? string.Empty)
                .Where(m => m.Contains("System.DateTime::get_Now", StringComparison.Ordinal) || m.Contains("System.DateTime::get_UtcNow", StringComparison.Ordinal)
                    || m.Contains("System.DateTimeOffset::get_Now", StringComparison.Ordinal) || m.Contains("System.DateTimeOffset::get_UtcNow", StringComparison.Ordinal)))
            .Distinct()
            .ToArray();

        Assert.True(touches.Length == 0, $"{typeName} touches: " + string.Join(", ", touches));
    }

    [Fact]
    public void Deals_are_written_only_through_the_deal_writer()
    {
        var writers = OwnTypes
            .Where(t => t.Members.SelectMany(m => m.MemberDependencies).OfType<IMemberMemberDependency>()
                .Any(d => d.TargetMember?.FullName is { } m && m.Contains("SalesBot.Deals.IDealStore::", StringComparison.Ordinal)
                    && (m.Contains("::CreateAsync(", StringComparison.Ordinal) || m.Contains("::UpdateAsync(", StringComparison.Ordinal))))
            .Select(t => t.FullName.Split('+')[0])
            .Distinct()
            .ToArray();

        Assert.Equal(["SalesBot.Deals.DealWriter"], writers);
    }

    [Fact]
    public void Channel_syntax_and_tenant_prefixes_stay_in_their_channels_folder()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/SalesBot"));
        string[] channelDetail = ["<at>", "<@", "&lt;@", "\"slack-", "\"teams-"];

        var leaks = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)[0] is not ("Slack" or "Teams"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => channelDetail.Any(d => x.line.Contains(d, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToArray();

        Assert.True(leaks.Length == 0, "Channel detail outside its folder:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public void Every_type_is_internal_but_the_entry_point()
    {
        var exported = typeof(SalesBot.Deals.Deal).Assembly.GetExportedTypes().Select(t => t.FullName ?? t.Name).ToArray();

        Assert.Equal(["Program"], exported);
    }

    /// <summary>Every elementary cycle's first appearance in a depth-first walk, as a list of namespaces ending where it began.</summary>
    private static List<string[]> Cycles(Dictionary<string, Dictionary<string, string>> graph)
    {
        var cycles = new List<string[]>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var e) ? e.Keys.Order(StringComparer.Ordinal).ToArray() : [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    cycles.Add([.. path[path.IndexOf(next)..], next]);
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0)
            {
                Visit(node);
            }
        }

        return cycles;
    }
}
