using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>
/// One template being evaluated: the root template or a nested deployment (Bicep module), with the
/// parameter values its parent passed and the subscription / resource group it deploys to.
/// Caches evaluated parameters, variables and nested expansions.
/// </summary>
internal sealed class DeploymentContext(
    string path,
    JsonObject template,
    IReadOnlyDictionary<string, JsonNode?> suppliedParameters,
    string subscriptionId,
    string? resourceGroup)
{
    public string Path { get; } = path;

    public JsonObject Template { get; } = template;

    public IReadOnlyDictionary<string, JsonNode?> SuppliedParameters { get; } = suppliedParameters;

    public string SubscriptionId { get; } = subscriptionId;

    /// <summary>Target resource group; null for a subscription-scope deployment.</summary>
    public string? ResourceGroup { get; } = resourceGroup;

    public Dictionary<string, JsonNode?> ParameterCache { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, JsonNode?> VariableCache { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> VariablesInProgress { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Nested deployments already expanded, by resource key and loop index.</summary>
    public Dictionary<string, DeploymentExpansion> NestedExpansions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Resources as written in the template, with their symbolic name (null in languageVersion 1 templates).</summary>
    public IEnumerable<(string Key, string? SymbolicName, JsonObject Raw)> RawResources => Template["resources"] switch
    {
        JsonObject symbolic => symbolic.Select(p => (p.Key, (string?)p.Key, p.Value!.AsObject())),
        JsonArray list => list.Select((r, i) => ($"#{i}", (string?)null, r!.AsObject())),
        _ => [],
    };

    public JsonObject? ParameterDeclaration(string name) =>
        Template["parameters"] is JsonObject parameters ? FindIgnoreCase(parameters, name)?.AsObject() : null;

    public JsonNode? VariableDeclaration(string name, out bool found)
    {
        found = false;
        if (Template["variables"] is not JsonObject variables)
        {
            return null;
        }

        foreach (var pair in variables)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                found = true;
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>The <c>copy</c> entry of the variables section that defines <paramref name="name"/>, if any.</summary>
    public JsonObject? VariableLoop(string name) =>
        Template["variables"]?["copy"] is JsonArray loops
            ? loops.OfType<JsonObject>().FirstOrDefault(l => string.Equals((string?)l["name"], name, StringComparison.OrdinalIgnoreCase))
            : null;

    private static JsonNode? FindIgnoreCase(JsonObject obj, string name) =>
        obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
