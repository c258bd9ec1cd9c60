using System.Text.RegularExpressions;
using KadoaBridge.Core.Storage;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class StorageTests(BicepTemplateFixture fixture)
{
    [Fact]
    public void StorageAccount_Access_NoSharedKeysNoPublicBlobsTls12()
    {
        var account = fixture.Deployment.StorageAccount();
        Assert.Equal(false, ArmValues.AsBool(account["properties.allowSharedKeyAccess"]));
        Assert.Equal(false, ArmValues.AsBool(account["properties.allowBlobPublicAccess"]));
        Assert.Equal("TLS1_2", account["properties.minimumTlsVersion"].Text());
        Assert.Equal(true, ArmValues.AsBool(account["properties.supportsHttpsTrafficOnly"]));
    }

    [Fact]
    public void Storage_Tables_AreTheTablesTheAppsUse() =>
        Assert.Equal(
            StorageBootstrap.Tables.Order(StringComparer.Ordinal),
            fixture.Deployment.ChildNames("Microsoft.Storage/storageAccounts/tableServices/tables").Order(StringComparer.Ordinal));

    [Fact]
    public void Storage_Containers_ArePrivatePayloadsDeadLettersDeployments()
    {
        var containers = fixture.Deployment.OfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal(["deadletters", "deployments", "payloads"], containers.Select(c => c.Name.Split('/')[^1]).Order(StringComparer.Ordinal));
        Assert.All(containers, c => Assert.Equal("None", c["properties.publicAccess"].Text()));
    }

    [Fact]
    public void Storage_Queues_AreTheQueuesTheAppsUse() =>
        Assert.Equal(
            StorageBootstrap.Queues.Order(StringComparer.Ordinal),
            fixture.Deployment.ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues").Order(StringComparer.Ordinal));

    [Fact]
    public void Template_ListFunctions_AreNeverCalled()
    {
        // listKeys(), listSecrets()... would put shared keys or connection strings into the deployment.
        var json = fixture.Template.ToJsonString();
        Assert.DoesNotMatch(new Regex(@"\blist[A-Za-z]*\("), json);
    }
}
