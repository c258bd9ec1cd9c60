namespace KadoaBridge.Core.Routing;

/// <summary>One problem with a rule: the JSON path of the offending field (e.g. <c>$.filter.data.url[0].prefix</c>,
/// <c>$.destinations[2]</c>) and what is wrong with it.</summary>
public sealed record RouteRuleError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
