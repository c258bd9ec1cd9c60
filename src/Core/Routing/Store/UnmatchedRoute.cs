namespace KadoaBridge.Core.Routing.Store;

/// <summary>What happens to events no rule matches, in the words the API and status use.</summary>
public static class UnmatchedRoute
{
    /// <summary><c>default:{alias}</c> when <c>Routing__DefaultDestination</c> is set, else <c>dropped</c>.</summary>
    public static string Describe(RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DefaultDestination is { Length: > 0 } alias ? "default:" + alias : "dropped";
    }
}
