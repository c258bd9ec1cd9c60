using System.Text.Json;
using EventPatterns.Tests;
using KadoaBridge.Core.Routing;

namespace KadoaBridge.Core.Tests.Routing;

public class CompiledRouteTableTests
{
    private static readonly string[] Aliases = ["changes", "pricing", "audit", "fallback"];

    private static RouteRule Rule(string name, int order, string? filter, params string[] destinations) =>
        new() { Name = name, Order = order, Filter = filter, Destinations = destinations };

    [Fact]
    public void Route_SeveralMatchingRules_EvaluatesByOrderThenNameAndCollectsDestinations()
    {
        CompiledRouteTable table = CompiledRouteTable.Compile(
            [
                Rule("b-price", 1, """{"data":{"changedKeys":["price"]}}""", "pricing"),
                Rule("z-all", 0, null, "changes"),
                Rule("a-price", 1, """{"data":{"changedKeys":["price"]}}""", "audit"),
                Rule("never", 0, """{"type":["other"]}""", "fallback"),
            ],
            Aliases);

        Assert.Equal(["never", "z-all", "a-price", "b-price"], table.Rules.Select(r => r.Name));
        RouteDecision decision = Route(table);
        Assert.Equal(RouteOutcome.Matched, decision.Outcome);
        Assert.Equal(["z-all", "a-price", "b-price"], decision.MatchedRules);
        Assert.Equal(["changes", "audit", "pricing"], decision.Targets.Select(t => t.Destination));
        Assert.Equal(["z-all", "a-price", "b-price"], decision.Targets.Select(t => t.Rule!.Name));
        Assert.Null(decision.StoppedBy);
    }

    [Fact]
    public void Route_MatchingFinalRule_StopsEvaluation()
    {
        CompiledRouteTable table = CompiledRouteTable.Compile(
            [
                Rule("first", 1, null, "changes"),
                Rule("stop", 2, """{"kadoaworkflowid":["wf-1"]}""", "pricing") with { Final = true },
                Rule("after", 3, null, "audit"),
            ],
            Aliases);

        RouteDecision decision = Route(table);
        Assert.Equal(["first", "stop"], decision.MatchedRules);
        Assert.Equal(["changes", "pricing"], decision.Targets.Select(t => t.Destination));
        Assert.Equal("stop", decision.StoppedBy);
    }

    [Fact]
    public void Route_NonMatchingFinalRule_DoesNotStop()
    {
        CompiledRouteTable table = CompiledRouteTable.Compile(
            [Rule("stop", 1, """{"kadoaworkflowid":["wf-2"]}""", "pricing") with { Final = true }, Rule("after", 2, null, "audit")],
            Aliases);

        Assert.Equal(["audit"], Route(table).Targets.Select(t => t.Destination));
    }

    [Fact]
    public void Route_NothingMatches_GoesToDefaultDestinationUnchanged()
    {
        CompiledRouteTable table = CompiledRouteTable.Compile([Rule("other", 0, """{"type":["x"]}""", "pricing")], Aliases, "fallback");

        RouteDecision decision = Route(table);
        Assert.Equal(RouteOutcome.Default, decision.Outcome);
        RouteTarget target = Assert.Single(decision.Targets);
        Assert.Equal("fallback", target.Destination);
        Assert.True(target.IsDefault);
        Assert.Null(target.Transform);
        Assert.Empty(decision.MatchedRules);
    }

    [Fact]
    public void Route_NothingMatchesAndNoDefault_IsDropped()
    {
        CompiledRouteTable table = CompiledRouteTable.Compile([Rule("other", 0, """{"type":["x"]}""", "pricing")], Aliases);

        RouteDecision decision = Route(table);
        Assert.Equal(RouteOutcome.Dropped, decision.Outcome);
        Assert.Empty(decision.Targets);
    }

    [Fact]
    public void Route_NoRules_UsesDefault() =>
        Assert.Equal(RouteOutcome.Default, Route(CompiledRouteTable.Compile([], Aliases, "fallback")).Outcome);

    [Fact]
    public void Route_DisabledRules_AreSkippedEvenWhenInvalid()
    {
        CompiledRouteTable table = CompiledRouteTable.Compile(
            [
                Rule("off", 0, null, "pricing") with { Enabled = false },
                Rule("off-and-broken", 0, "{", "gone") with { Enabled = false },
                Rule("on", 1, null, "changes"),
            ],
            Aliases);

        Assert.Equal(["on"], table.Rules.Select(r => r.Name));
        Assert.Equal(["changes"], Route(table).Targets.Select(t => t.Destination));
    }

    [Fact]
    public void Route_SameDestinationFromTwoRules_IsDeliveredOnceWithTheFirstRulesTransform()
    {
        var slim = new RouteTransform { OmitSnapshot = true };
        CompiledRouteTable table = CompiledRouteTable.Compile(
            [Rule("slim", 0, null, "changes", "audit") with { Transform = slim }, Rule("full", 1, null, "changes", "pricing")],
            Aliases);

        RouteDecision decision = Route(table);
        Assert.Equal(["changes", "audit", "pricing"], decision.Targets.Select(t => t.Destination));
        Assert.Same(slim, decision.Targets[0].Transform);
        Assert.Null(decision.Targets[2].Transform);
    }

    [Fact]
    public void Route_CallerList_IsClearedAndRefilledWithoutAllocating()
    {
        CompiledRouteTable table = CompiledRouteTable.Compile(
            [Rule("price", 0, """{"data":{"differences":{"type":["changed"],"fields":{"key":["price"]}}}}""", "pricing", "audit")],
            Aliases,
            "fallback");
        using JsonDocument document = JsonDocument.Parse(KadoaSample.Event);
        var targets = new List<RouteTarget>(8) { new("stale", null) };

        Assert.Equal(RouteOutcome.Matched, table.Route(document.RootElement, targets));
        Assert.Equal(["pricing", "audit"], targets.Select(t => t.Destination));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            table.Route(document.RootElement, targets);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2, targets.Count);
    }

    [Fact]
    public void Compile_InvalidEnabledRule_ThrowsWithRuleNameAndPaths()
    {
        RouteRuleValidationException ex = Assert.Throws<RouteRuleValidationException>(() =>
            CompiledRouteTable.Compile([Rule("ok", 0, null, "changes"), Rule("broken", 1, """{"a":[{"numeric":[">"]}]}""", "nope")], Aliases));

        Assert.Equal("broken", ex.RuleName);
        Assert.Equal(["$.filter.a[0].numeric", "$.destinations[0]"], ex.Errors.Select(e => e.Path));
        Assert.Contains("broken", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DuplicateNames_Throws()
    {
        RouteRuleValidationException ex = Assert.Throws<RouteRuleValidationException>(() =>
            CompiledRouteTable.Compile([Rule("twice", 0, null, "changes"), Rule("twice", 1, null, "audit") with { Enabled = false }], Aliases));
        Assert.Equal("$.name", Assert.Single(ex.Errors).Path);
    }

    [Fact]
    public void Compile_UnknownDefaultDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => CompiledRouteTable.Compile([], Aliases, "missing"));

    private static RouteDecision Route(CompiledRouteTable table)
    {
        using JsonDocument document = JsonDocument.Parse(KadoaSample.Event);
        return table.Route(document.RootElement);
    }
}
