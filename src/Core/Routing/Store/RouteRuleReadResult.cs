namespace KadoaBridge.Core.Routing.Store;

/// <summary>A rule read from a request body: the rule when valid, else every error with its JSON path.</summary>
public sealed record RouteRuleReadResult(RouteRule? Rule, IReadOnlyList<RouteRuleError> Errors)
{
    /// <summary>True when <see cref="Rule"/> is set and there are no errors.</summary>
    public bool IsValid => Rule is not null && Errors.Count == 0;
}
