namespace KadoaBridge.Core.Routing.Store;

/// <summary>What routing would do with one event, under the rules stored now.</summary>
/// <param name="EventId">The CloudEvent id.</param>
/// <param name="Outcome"><c>Matched</c>, <c>Default</c> (no rule matched: default destination) or <c>Dropped</c>.</param>
/// <param name="MatchedRules">The rules that matched, in evaluation order.</param>
/// <param name="StoppedBy">The <c>final</c> rule that stopped evaluation, if any.</param>
/// <param name="RulesVersion">The version of the rule set evaluated (changes with every rule write).</param>
/// <param name="Deliveries">One per destination, in order, with the resulting CloudEvent.</param>
public sealed record RouteDryRunReport(
    string EventId,
    RouteOutcome Outcome,
    IReadOnlyList<string> MatchedRules,
    string? StoppedBy,
    string RulesVersion,
    IReadOnlyList<RouteDryRunDelivery> Deliveries);
