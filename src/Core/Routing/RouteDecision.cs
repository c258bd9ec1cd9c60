namespace KadoaBridge.Core.Routing;

/// <summary>The full routing decision for one event, for dry runs and diagnostics (the hot path uses
/// <see cref="CompiledRouteTable.Route(System.Text.Json.JsonElement, List{RouteTarget})"/> instead).</summary>
/// <param name="Outcome">Matched, default or dropped.</param>
/// <param name="Targets">Deliveries in order, one per destination.</param>
/// <param name="MatchedRules">Names of the rules that matched, in evaluation order.</param>
/// <param name="StoppedBy">Name of the final rule that stopped evaluation, if any.</param>
public sealed record RouteDecision(
    RouteOutcome Outcome,
    IReadOnlyList<RouteTarget> Targets,
    IReadOnlyList<string> MatchedRules,
    string? StoppedBy);
