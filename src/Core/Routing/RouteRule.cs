namespace KadoaBridge.Core.Routing;

/// <summary>
/// A user-defined routing rule: which CloudEvents (by <see cref="Filter"/>) go to which Event Grid destinations (by
/// alias), optionally reshaped by <see cref="Transform"/>. Validate with <see cref="RouteRuleValidator"/>; evaluate a
/// set of rules with <see cref="CompiledRouteTable"/>.
/// </summary>
public sealed record RouteRule
{
    /// <summary>Unique name, 1-63 characters of <c>[A-Za-z0-9-_.]</c>; ties on <see cref="Order"/> are broken by name (ordinal).</summary>
    public required string Name { get; init; }

    /// <summary>Free text for people (optional, at most 1024 characters).</summary>
    public string? Description { get; init; }

    /// <summary>Disabled rules are kept but never evaluated. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Evaluation position: lower first. Default 0.</summary>
    public int Order { get; init; }

    /// <summary>An Amazon EventBridge event pattern (JSON text) over the CloudEvent; null matches every event.</summary>
    public string? Filter { get; init; }

    /// <summary>Destination aliases from configuration; at least one, no duplicates.</summary>
    public IReadOnlyList<string> Destinations { get; init; } = [];

    /// <summary>How to reshape the event for these destinations; null sends it unchanged.</summary>
    public RouteTransform? Transform { get; init; }

    /// <summary>When this rule matches, rules after it are not evaluated. Default false.</summary>
    public bool Final { get; init; }
}
