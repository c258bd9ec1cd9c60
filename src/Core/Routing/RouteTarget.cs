namespace KadoaBridge.Core.Routing;

/// <summary>
/// One delivery chosen by <see cref="CompiledRouteTable"/>: a destination alias and the rule that chose it
/// (null for the default destination, which gets the event unchanged).
/// </summary>
public readonly record struct RouteTarget(string Destination, RouteRule? Rule)
{
    /// <summary>True when no rule matched and this is the configured default destination.</summary>
    public bool IsDefault => Rule is null;

    /// <summary>The transform to apply for this destination (<see cref="CloudEventTransformer"/>); null = unchanged.</summary>
    public RouteTransform? Transform => Rule?.Transform;
}
