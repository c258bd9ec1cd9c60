using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>One resource the template deploys, with every expression evaluated as far as it can be before deployment.</summary>
/// <param name="DeploymentPath">Module path, e.g. <c>functions</c> or <c>listener/listener-image</c>; empty at the root.</param>
/// <param name="SymbolicName">Bicep symbolic name when the template has them (languageVersion 2.0).</param>
/// <param name="Type">Resource type, e.g. <c>Microsoft.Web/sites</c>.</param>
/// <param name="Name">Evaluated name (child resources: <c>parent/child</c>).</param>
/// <param name="Id">Resource id as the evaluator builds it (fake subscription id).</param>
/// <param name="Body">Evaluated resource: properties, tags, identity, sku, kind, location, scope.</param>
internal sealed record DeployedResource(
    string DeploymentPath,
    string? SymbolicName,
    string Type,
    string Name,
    string Id,
    JsonObject Body)
{
    public JsonNode? Properties => Body["properties"];

    public JsonNode? this[string path] => ArmValues.Navigate(Body, path);

    public bool IsOfType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Type} '{Name}' ({DeploymentPath})";
}
