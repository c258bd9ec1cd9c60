using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

/// <summary>
/// Compiles and lints infra/main.bicep once for all tests, and expands the compiled ARM template
/// with the parameters azd would pass (steady state: the listener image exists, a deploying user).
/// </summary>
public sealed class BicepTemplateFixture : IAsyncLifetime
{
    public const string EnvironmentName = "kadoa-test";
    public const string UserPrincipalId = "11111111-2222-3333-4444-555555555555";

    internal static string MainBicep => RepoRoot.Combine("infra", "main.bicep");

    internal BicepRun Build { get; private set; } = null!;

    internal BicepRun Lint { get; private set; } = null!;

    internal JsonObject Template { get; private set; } = null!;

    /// <summary>The template expanded with <see cref="DefaultParameters"/>.</summary>
    internal DeploymentExpansion Deployment { get; private set; } = null!;

    internal static Dictionary<string, JsonNode?> DefaultParameters() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["environmentName"] = EnvironmentName,
        ["location"] = "westeurope",
        ["principalId"] = UserPrincipalId,
        ["kadoaApiKey"] = Unknown.Secret("KADOA_API_KEY"),
        ["listenerExists"] = true,
    };

    /// <summary>Expands the template with the default parameters changed by <paramref name="changes"/>.</summary>
    internal DeploymentExpansion Expand(Action<Dictionary<string, JsonNode?>> changes)
    {
        var parameters = DefaultParameters();
        changes(parameters);
        return TemplateEvaluator.ExpandSubscriptionDeployment(Template, parameters);
    }

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Build = await BicepCli.RunAsync(["build", MainBicep, "--stdout"], cancellation.Token);
        Lint = await BicepCli.RunAsync(["lint", MainBicep], cancellation.Token);
        if (Build.ExitCode == 0)
        {
            Template = JsonNode.Parse(Build.StandardOutput)!.AsObject();
            Deployment = TemplateEvaluator.ExpandSubscriptionDeployment(Template, DefaultParameters());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
