namespace KadoaBridge.Core.Routing;

/// <summary>Where routing rules are kept. <c>Version</c> changes whenever any rule changes (cheap to compare).</summary>
public interface IRouteRuleSource
{
    Task<(string Version, IReadOnlyList<RouteRule> Rules)> LoadAsync(CancellationToken cancellationToken);
}
