using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>An expanded deployment: its resources, its outputs and the nested deployments (modules) it created.</summary>
internal sealed class DeploymentExpansion(DeploymentContext context)
{
    public DeploymentContext Context { get; } = context;

    public List<DeployedResource> Resources { get; } = [];

    public Dictionary<string, JsonNode?> Outputs { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<DeploymentExpansion> Children { get; } = [];

    /// <summary>Every resource of this deployment and of all nested deployments, depth first.</summary>
    public IEnumerable<DeployedResource> AllResources =>
        Resources.Concat(Children.SelectMany(child => child.AllResources));

    /// <summary>Every output of this deployment and of all nested deployments.</summary>
    public IEnumerable<(string DeploymentPath, string Name, JsonNode? Value)> AllOutputs =>
        Outputs.Select(o => (Context.Path, o.Key, o.Value)).Concat(Children.SelectMany(child => child.AllOutputs));
}
