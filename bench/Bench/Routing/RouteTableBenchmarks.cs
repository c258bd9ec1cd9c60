using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EventPatterns;
using KadoaBridge.Core.Routing;

namespace KadoaBridge.Bench.Routing;

/// <summary>
/// The routing engine's hot path: one Kadoa CloudEvent through a table of 50 realistic rules (mixed operators, some on
/// <c>data.differences</c>, most not matching), and single patterns. Every benchmark must allocate 0 bytes.
/// Run: <c>dotnet run -c Release --project bench/Bench -- --filter '*RouteTable*'</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[OperationsPerSecond]
public class RouteTableBenchmarks
{
    private const string Event = """
        {"specversion":"1.0","id":"chg-123","source":"https://www.kadoa.com/workflow/wf-1","type":"Kadoa.Workflow.DataChanged",
         "subject":"workflows/wf-1/changes/chg-123","time":"2025-01-08T20:20:04.663Z","datacontenttype":"application/json",
         "kadoateamid":"team-1","kadoaworkflowid":"wf-1","kadoadeliveryid":"dlv-9",
         "data":{"changeId":"chg-123","workflowId":"wf-1","url":"https://shop.example/p/1","createdAt":"2025-01-08T20:20:04.663Z",
          "summary":"Price dropped",
          "differences":[{"type":"changed","fields":[{"key":"price","value":19.99,"previousValue":24.99}]},
                         {"type":"added","fields":[{"key":"title","value":"New"}]}],
          "diffTypes":["changed","added"],"changedKeys":["price","title"],"snapshot":[{"title":"A","price":19.99}],
          "links":{"dashboard":"https://www.kadoa.com/data-diff/chg-123","workflow":"https://www.kadoa.com/workflow/wf-1",
                   "api":"https://api.kadoa.com/v5/changes/chg-123"}}}
        """;

    // Rule filters a team would write; {0} is replaced by a per-rule number so the 50 rules are all different.
    private static readonly string[] Templates =
    [
        """{"kadoaworkflowid":["wf-{0}"]}""",
        """{"type":["Kadoa.Workflow.DataChanged"],"kadoaworkflowid":["wf-{0}","wf-x{0}"]}""",
        """{"data":{"differences":{"type":["changed"],"fields":{"key":["price-{0}"],"value":[{"numeric":["<",20]}]}}}}""",
        """{"data":{"url":[{"prefix":"https://shop{0}.example/"}]}}""",
        """{"subject":[{"wildcard":"workflows/wf-{0}/changes/*"}]}""",
        """{"source":[{"suffix":"/workflow/wf-{0}"}],"data":{"diffTypes":["removed"]}}""",
        """{"kadoateamid":["team-{0}"],"data":{"summary":[{"equals-ignore-case":"price dropped"}]}}""",
        """{"$or":[{"kadoaworkflowid":["wf-{0}"]},{"data":{"changedKeys":["stock-{0}"]}}]}""",
        """{"data":{"differences":{"fields":{"key":["rating"],"value":[{"numeric":[">",{0}]}]}}}}""",
        """{"type":[{"prefix":{"equals-ignore-case":"kadoa.workflow.failed{0}"}}]}""",
    ];

    // Rules expected to match the event (5 of 50).
    private static readonly string[] Matching =
    [
        """{"type":["Kadoa.Workflow.DataChanged"],"data":{"differences":{"type":["changed"],"fields":{"key":["price"]}}}}""",
        """{"data":{"url":[{"prefix":"https://shop.example/"}],"changedKeys":["price"]}}""",
        """{"kadoateamid":[{"anything-but":["team-2","team-3"]}],"data":{"snapshotRef":[{"exists":false}]}}""",
        """{"data":{"differences":{"fields":{"value":[{"numeric":[">",10,"<=",20]}]}}}}""",
        """{"subject":[{"wildcard":"workflows/*/changes/*"}],"data":{"summary":[{"prefix":{"equals-ignore-case":"price"}}]}}""",
    ];

    private readonly List<RouteTarget> _targets = new(16);
    private CompiledRouteTable _table = null!;
    private EventPattern[] _patterns = null!;
    private EventPattern _differences = null!;
    private EventPattern _typeMismatch = null!;
    private JsonElement _event;

    [GlobalSetup]
    public void Setup()
    {
        _event = JsonDocument.Parse(Event).RootElement.Clone();
        var filters = new List<string>(Matching);
        for (int i = 0; filters.Count < 50; i++)
        {
            filters.Add(Templates[i % Templates.Length].Replace("{0}", (i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var rules = filters.Select((filter, i) => new RouteRule
        {
            Name = $"rule-{i:D2}",
            Order = (i * 7) % 50, // matching rules spread through the table
            Filter = filter,
            Destinations = [i % 3 == 0 ? "pricing" : "changes"],
        }).ToList();
        _table = CompiledRouteTable.Compile(rules, ["changes", "pricing"], "changes");
        _patterns = [.. filters.Select(EventPattern.Parse)];
        _differences = EventPattern.Parse(Matching[0]);
        _typeMismatch = EventPattern.Parse("""{"type":["Kadoa.Workflow.Failed"],"data":{"workflowId":["wf-1"]}}""");

        int matched = _patterns.Count(p => p.Matches(_event));
        if (matched != Matching.Length || _table.Route(_event, _targets) != RouteOutcome.Matched)
        {
            throw new InvalidOperationException($"Expected {Matching.Length} matching rules, got {matched}.");
        }
    }

    /// <summary>One event through the 50-rule table (one op = one routing decision).</summary>
    [Benchmark(Baseline = true)]
    public RouteOutcome RouteThrough50Rules() => _table.Route(_event, _targets);

    /// <summary>Each of the 50 patterns once; one op = one pattern evaluation.</summary>
    [Benchmark(OperationsPerInvoke = 50)]
    public int EachOf50Patterns()
    {
        int matches = 0;
        foreach (EventPattern pattern in _patterns)
        {
            matches += pattern.Matches(_event) ? 1 : 0;
        }

        return matches;
    }

    /// <summary>A matching element-consistent pattern over data.differences (the heaviest common case).</summary>
    [Benchmark]
    public bool DifferencesPattern() => _differences.Matches(_event);

    /// <summary>A pattern rejected on its first field (the most common case in a table).</summary>
    [Benchmark]
    public bool TypeMismatchPattern() => _typeMismatch.Matches(_event);
}
