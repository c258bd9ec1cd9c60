using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

/// <summary>The Kadoa key (a secure parameter) is followed through the whole template: it may reach Key Vault only.</summary>
[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class SecretsTests(BicepTemplateFixture fixture)
{
    [Fact]
    public void Outputs_OfEveryDeployment_HoldNoSecret() =>
        Assert.All(fixture.Deployment.AllOutputs, o => Assert.False(Unknown.IsTainted(o.Value), $"output {o.DeploymentPath}/{o.Name} carries a secret"));

    [Fact]
    public void FunctionAppSettings_Values_HoldNoSecret() =>
        Assert.All(fixture.Deployment.FunctionAppSettings(), s => Assert.False(Unknown.IsTainted(s.Value), $"app setting {s.Key} carries a secret"));

    [Fact]
    public void ListenerEnv_Values_HoldNoSecret() =>
        Assert.All(fixture.Deployment.ListenerEnv(), e => Assert.False(Unknown.IsTainted(e.Value), $"env {e.Key} carries a secret"));

    [Fact]
    public void KadoaKey_FollowedThroughTemplate_ReachesOnlyTheKeyVaultSecret()
    {
        var tainted = fixture.Deployment.AllResources.Where(r => Unknown.IsTainted(r.Body)).ToList();
        Assert.All(tainted, r => Assert.True(
            r.IsOfType("Microsoft.KeyVault/vaults/secrets") || (r.IsOfType("Microsoft.Resources/deployments") && r.Name == "keyvault"),
            $"{r} receives the Kadoa key"));
        Assert.Contains(tainted, r => r.IsOfType("Microsoft.KeyVault/vaults/secrets"));
    }
}
