using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

/// <summary>Finds the bridge's resources in an expanded deployment.</summary>
internal static class TemplateQueries
{
    public static IReadOnlyList<DeployedResource> OfType(this DeploymentExpansion deployment, string type) =>
        [.. deployment.AllResources.Where(r => r.IsOfType(type))];

    public static DeployedResource Single(this DeploymentExpansion deployment, string type) =>
        Assert.Single(deployment.OfType(type));

    public static DeployedResource ListenerApp(this DeploymentExpansion deployment) =>
        deployment.Single("Microsoft.App/containerApps");

    public static DeployedResource FunctionApp(this DeploymentExpansion deployment) =>
        deployment.Single("Microsoft.Web/sites");

    public static JsonObject ListenerContainer(this DeploymentExpansion deployment) =>
        Assert.Single(deployment.ListenerApp()["properties.template.containers"]!.AsArray())!.AsObject();

    /// <summary>The listener's environment variables by name (value or secretRef entry).</summary>
    public static Dictionary<string, JsonObject> ListenerEnv(this DeploymentExpansion deployment) =>
        deployment.ListenerContainer()["env"]!.AsArray().OfType<JsonObject>()
            .ToDictionary(e => ArmValues.ToText(e["name"]), e => e, StringComparer.Ordinal);

    /// <summary>The Functions app settings (the sites/config 'appsettings' resource), by name.</summary>
    public static JsonObject FunctionAppSettings(this DeploymentExpansion deployment)
    {
        var config = Assert.Single(deployment.OfType("Microsoft.Web/sites/config"), r => r.Name.EndsWith("/appsettings", StringComparison.Ordinal));
        return Assert.IsType<JsonObject>(config.Properties);
    }

    public static DeployedResource StorageAccount(this DeploymentExpansion deployment) =>
        deployment.Single("Microsoft.Storage/storageAccounts");

    public static DeployedResource ActionGroup(this DeploymentExpansion deployment) =>
        deployment.Single("Microsoft.Insights/actionGroups");

    public static IReadOnlyList<DeployedResource> Topics(this DeploymentExpansion deployment) =>
        deployment.OfType("Microsoft.EventGrid/topics");

    public static DeployedResource IngressTopic(this DeploymentExpansion deployment) =>
        Assert.Single(deployment.Topics(), t => t.Name.Contains("ingress", StringComparison.Ordinal));

    public static DeployedResource Identity(this DeploymentExpansion deployment, string app) =>
        Assert.Single(deployment.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"), i => i.Name.Contains($"-{app}-", StringComparison.Ordinal));

    /// <summary>Names of the child resources of a type: the last segment of each name.</summary>
    public static IReadOnlyList<string> ChildNames(this DeploymentExpansion deployment, string type) =>
        [.. deployment.OfType(type).Select(r => r.Name.Split('/')[^1])];

    public static string Text(this JsonNode? node) => ArmValues.ToText(node);

    /// <summary>How the evaluator shows a run-time property of <paramref name="resource"/>, e.g. <c>.properties.endpoint</c> as <c>.endpoint</c>.</summary>
    public static string RuntimeValue(this DeployedResource resource, string path) => $"⟨?reference({resource.Id}){path}⟩";
}
