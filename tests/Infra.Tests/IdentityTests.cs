using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class IdentityTests(BicepTemplateFixture fixture)
{
    [Fact]
    public void ListenerApp_Identity_IsItsUserAssignedIdentity()
    {
        var identity = fixture.Deployment.Identity("listener");
        var app = fixture.Deployment.ListenerApp();
        Assert.Equal("UserAssigned", app["identity.type"].Text());
        Assert.Equal([identity.Id], app["identity.userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        Assert.Equal(identity.RuntimeValue(".clientId"), fixture.Deployment.ListenerEnv()["AZURE_CLIENT_ID"]["value"].Text());
    }

    [Fact]
    public void FunctionApp_Identity_IsItsUserAssignedIdentity()
    {
        var identity = fixture.Deployment.Identity("functions");
        var app = fixture.Deployment.FunctionApp();
        var settings = fixture.Deployment.FunctionAppSettings();
        Assert.Equal("UserAssigned", app["identity.type"].Text());
        Assert.Equal([identity.Id], app["identity.userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        Assert.Equal(identity.Id, app["properties.keyVaultReferenceIdentity"].Text());
        Assert.All(
            new[] { "AZURE_CLIENT_ID", "AzureWebJobsStorage__clientId", "IngressQueue__clientId" },
            name => Assert.Equal(identity.RuntimeValue(".clientId"), settings[name].Text()));
    }

    [Fact]
    public void Identities_TwoApps_AreSeparate() =>
        Assert.NotEqual(fixture.Deployment.Identity("listener").Id, fixture.Deployment.Identity("functions").Id);

    [Fact]
    public void Monitoring_LocalAuth_IsOff()
    {
        Assert.Equal(true, ArmValues.AsBool(fixture.Deployment.Single("Microsoft.Insights/components")["properties.DisableLocalAuth"]));
        Assert.Equal(true, ArmValues.AsBool(fixture.Deployment.Single("Microsoft.OperationalInsights/workspaces")["properties.features.disableLocalAuth"]));
    }

    [Fact]
    public void KeyVault_Compiled_UsesRbacAndHoldsTheKadoaKey()
    {
        Assert.Equal(true, ArmValues.AsBool(fixture.Deployment.Single("Microsoft.KeyVault/vaults")["properties.enableRbacAuthorization"]));
        var secret = fixture.Deployment.Single("Microsoft.KeyVault/vaults/secrets");
        Assert.EndsWith("/kadoa-api-key", secret.Name, StringComparison.Ordinal);
        Assert.True(Unknown.IsTainted(secret["properties.value"]), "the secret's value must be the secure parameter");
    }

    [Fact]
    public void Registry_Compiled_HasNoAdminUserAndNoAnonymousPull()
    {
        var registry = fixture.Deployment.Single("Microsoft.ContainerRegistry/registries");
        Assert.Equal(false, ArmValues.AsBool(registry["properties.adminUserEnabled"]));
        Assert.Equal(false, ArmValues.AsBool(registry["properties.anonymousPullEnabled"]));
    }
}
