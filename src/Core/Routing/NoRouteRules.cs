namespace KadoaBridge.Core.Routing;

/// <summary>No rules: everything goes to the default destination (or is dropped when none is set).</summary>
public sealed class NoRouteRules : IRouteRuleSource
{
    public Task<(string Version, IReadOnlyList<RouteRule> Rules)> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<(string, IReadOnlyList<RouteRule>)>(("none", []));
}
