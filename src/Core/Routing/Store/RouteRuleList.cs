namespace KadoaBridge.Core.Routing.Store;

/// <summary>The body of <c>GET /api/routes</c>: every stored rule in evaluation order, and what happens to events no rule matches.</summary>
/// <param name="Unmatched"><c>default:{alias}</c> or <c>dropped</c> (<see cref="UnmatchedRoute.Describe"/>).</param>
internal sealed record RouteRuleList(IReadOnlyList<RouteRuleJson> Rules, string Unmatched);
