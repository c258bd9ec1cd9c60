using System.Text.Json;
using EventPatterns;

namespace KadoaBridge.Core.Routing;

/// <summary>
/// A set of routing rules compiled once and evaluated per CloudEvent. Enabled rules run by <see cref="RouteRule.Order"/>,
/// then <see cref="RouteRule.Name"/> (ordinal); every matching rule contributes its destinations; a matching
/// <see cref="RouteRule.Final"/> rule stops evaluation. Each destination is delivered once, with the transform of the
/// first rule that chose it. When nothing matches, the event goes to the default destination, or is dropped when none
/// is configured. Immutable and thread-safe.
/// </summary>
public sealed class CompiledRouteTable
{
    private readonly (RouteRule Rule, EventPattern? Filter)[] _rules;

    private CompiledRouteTable((RouteRule Rule, EventPattern? Filter)[] rules, string? defaultDestination)
    {
        _rules = rules;
        DefaultDestination = defaultDestination;
        Rules = Array.ConvertAll(rules, r => r.Rule);
    }

    /// <summary>The enabled rules in evaluation order.</summary>
    public IReadOnlyList<RouteRule> Rules { get; }

    /// <summary>Where unmatched events go; null drops them.</summary>
    public string? DefaultDestination { get; }

    /// <summary>Validates and compiles <paramref name="rules"/>. Disabled rules are skipped (only their names must be unique).</summary>
    /// <param name="rules">All stored rules.</param>
    /// <param name="destinationAliases">The destination aliases configured for this deployment (ordinal).</param>
    /// <param name="defaultDestination">Alias for unmatched events, or null to drop them.</param>
    /// <exception cref="RouteRuleValidationException">A rule is invalid or two rules share a name.</exception>
    /// <exception cref="ArgumentException">The default destination is not a configured alias.</exception>
    public static CompiledRouteTable Compile(
        IEnumerable<RouteRule> rules, IReadOnlyCollection<string> destinationAliases, string? defaultDestination = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(destinationAliases);
        var aliases = new HashSet<string>(destinationAliases, StringComparer.Ordinal);
        if (defaultDestination is not null && !aliases.Contains(defaultDestination))
        {
            throw new ArgumentException(
                $"The default destination '{defaultDestination}' is not a configured destination alias.", nameof(defaultDestination));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var compiled = new List<(RouteRule Rule, EventPattern? Filter)>();
        foreach (RouteRule rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule);
            if (rule.Name is not null && !names.Add(rule.Name))
            {
                throw new RouteRuleValidationException(rule.Name, [new RouteRuleError("$.name", $"another rule is already named '{rule.Name}'")]);
            }

            if (!rule.Enabled)
            {
                continue;
            }

            List<RouteRuleError> errors = RouteRuleValidator.Validate(rule, aliases, out EventPattern? filter);
            if (errors.Count > 0)
            {
                throw new RouteRuleValidationException(rule.Name ?? "(unnamed)", errors);
            }

            compiled.Add((rule, filter));
        }

        compiled.Sort(static (a, b) =>
            a.Rule.Order != b.Rule.Order ? a.Rule.Order.CompareTo(b.Rule.Order) : string.CompareOrdinal(a.Rule.Name, b.Rule.Name));
        return new CompiledRouteTable([.. compiled], defaultDestination);
    }

    /// <summary>
    /// Routes one CloudEvent without allocating: clears <paramref name="targets"/> and fills it with one entry per
    /// destination (reuse the list across events).
    /// </summary>
    public RouteOutcome Route(JsonElement cloudEvent, List<RouteTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return Route(cloudEvent, targets, matchedRules: null, out _);
    }

    /// <summary>Routes one CloudEvent and reports which rules matched (allocates; for dry runs and diagnostics).</summary>
    public RouteDecision Route(JsonElement cloudEvent)
    {
        var targets = new List<RouteTarget>();
        var matched = new List<string>();
        RouteOutcome outcome = Route(cloudEvent, targets, matched, out string? stoppedBy);
        return new RouteDecision(outcome, targets, matched, stoppedBy);
    }

    private RouteOutcome Route(JsonElement cloudEvent, List<RouteTarget> targets, List<string>? matchedRules, out string? stoppedBy)
    {
        targets.Clear();
        stoppedBy = null;
        bool anyMatched = false;
        foreach ((RouteRule rule, EventPattern? filter) in _rules)
        {
            if (filter is not null && !filter.Matches(cloudEvent))
            {
                continue;
            }

            anyMatched = true;
            matchedRules?.Add(rule.Name);
            AddDestinations(rule, targets);
            if (rule.Final)
            {
                stoppedBy = rule.Name;
                break;
            }
        }

        if (anyMatched)
        {
            return RouteOutcome.Matched;
        }

        if (DefaultDestination is null)
        {
            return RouteOutcome.Dropped;
        }

        targets.Add(new RouteTarget(DefaultDestination, null));
        return RouteOutcome.Default;
    }

    private static void AddDestinations(RouteRule rule, List<RouteTarget> targets)
    {
        IReadOnlyList<string> destinations = rule.Destinations;
        for (int i = 0; i < destinations.Count; i++)
        {
            string destination = destinations[i];
            if (!Contains(targets, destination))
            {
                targets.Add(new RouteTarget(destination, rule));
            }
        }
    }

    private static bool Contains(List<RouteTarget> targets, string destination)
    {
        foreach (RouteTarget target in targets)
        {
            if (string.Equals(target.Destination, destination, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
