using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class FunctionsAppTests(BicepTemplateFixture fixture)
{
    [Fact]
    public void Plan_Compiled_IsFlexConsumption()
    {
        var plan = fixture.Deployment.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan["sku.name"].Text());
        Assert.Equal("FlexConsumption", plan["sku.tier"].Text());
        Assert.Equal(true, ArmValues.AsBool(plan["properties.reserved"]));
        Assert.Equal(plan.Id, fixture.Deployment.FunctionApp()["properties.serverFarmId"].Text());
    }

    [Fact]
    public void FunctionApp_Runtime_IsDotnetIsolated10()
    {
        var runtime = fixture.Deployment.FunctionApp()["properties.functionAppConfig.runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"].Text());
        Assert.Equal("10.0", runtime["version"].Text());
    }

    [Fact]
    public void FunctionApp_DeploymentStorage_IsTheDeploymentsContainerWithItsIdentity()
    {
        var storage = fixture.Deployment.FunctionApp()["properties.functionAppConfig.deployment.storage"]!;
        Assert.Equal("blobContainer", storage["type"].Text());
        Assert.Equal(fixture.Deployment.StorageAccount().RuntimeValue(".primaryEndpoints.blob") + "deployments", storage["value"].Text());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]?["type"].Text());
        Assert.Equal(fixture.Deployment.Identity("functions").Id, storage["authentication"]?["userAssignedIdentityResourceId"].Text());
    }

    [Fact]
    public void FunctionAppSettings_Flex_OmitWorkerRuntimeAndExtensionVersion()
    {
        var settings = fixture.Deployment.FunctionAppSettings();
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        Assert.False(settings.ContainsKey("FUNCTIONS_EXTENSION_VERSION"));
        Assert.Null(fixture.Deployment.FunctionApp()["properties.siteConfig.appSettings"]);
    }

    [Fact]
    public void FunctionAppSettings_Storage_AreIdentityBased()
    {
        var settings = fixture.Deployment.FunctionAppSettings();
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "a connection string would need a shared key");
        Assert.Equal(fixture.Deployment.StorageAccount().Name, settings["AzureWebJobsStorage__accountName"].Text());
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"].Text());
        Assert.Equal("managedidentity", settings["IngressQueue__credential"].Text());
        Assert.Equal(fixture.Deployment.StorageAccount().RuntimeValue(".primaryEndpoints.queue"), settings["IngressQueue__queueServiceUri"].Text());
        Assert.All(settings, s => Assert.DoesNotContain("AccountKey=", s.Value.Text(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void FunctionAppSettings_KadoaKey_IsAKeyVaultReference()
    {
        var secretUri = fixture.Deployment.Single("Microsoft.KeyVault/vaults/secrets").RuntimeValue(".secretUri");
        Assert.Equal($"@Microsoft.KeyVault(SecretUri={secretUri})", fixture.Deployment.FunctionAppSettings()["Kadoa__ApiKey"].Text());
    }

    [Fact]
    public void FunctionAppSettings_Telemetry_UsesEntraAuthentication()
    {
        var clientId = fixture.Deployment.Identity("functions").RuntimeValue(".clientId");
        Assert.Equal($"ClientId={clientId};Authorization=AAD", fixture.Deployment.FunctionAppSettings()["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"].Text());
    }

    [Fact]
    public void FunctionApp_RoutesToEveryDestinationTopic_FirstIsTheDefault()
    {
        var deployment = fixture.Expand(p => p["destinationTopics"] = new JsonArray("pricing", "changes"));
        var settings = deployment.FunctionAppSettings();
        Assert.Equal("pricing", settings["Routing__DefaultDestination"].Text());
        foreach (var alias in new[] { "pricing", "changes" })
        {
            var topic = Assert.Single(deployment.Topics(), t => t.Name.StartsWith($"evgt-{alias}-", StringComparison.Ordinal));
            Assert.Equal(topic.RuntimeValue(".endpoint"), settings[$"Routing__Destinations__{alias}__Endpoint"].Text());
        }
    }

    [Fact]
    public void FunctionApp_Publishing_IsHttpsOnlyWithoutBasicCredentials()
    {
        Assert.Equal(true, ArmValues.AsBool(fixture.Deployment.FunctionApp()["properties.httpsOnly"]));
        var policies = fixture.Deployment.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.Equal(false, ArmValues.AsBool(p["properties.allow"])));
    }
}
