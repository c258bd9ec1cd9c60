namespace KadoaBridge.Infra.Tests;

[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class TaggingTests(BicepTemplateFixture fixture)
{
    [Fact]
    public void ResourceGroup_Name_FollowsTheEnvironment() =>
        Assert.Equal($"rg-{BicepTemplateFixture.EnvironmentName}", fixture.Deployment.Single("Microsoft.Resources/resourceGroups").Name);

    [Fact]
    public void TrackedResources_Tags_IncludeTheEnvironmentName()
    {
        // Tracked resources are the ones with a location; child, extension and deployment resources take no tags.
        var tracked = fixture.Deployment.AllResources
            .Where(r => r.Body.ContainsKey("location") && !r.IsOfType("Microsoft.Resources/deployments"))
            .ToList();
        Assert.True(tracked.Count >= 14, $"expected the bridge's tracked resources, found {tracked.Count}");
        Assert.All(tracked, r => Assert.True(
            r["tags.azd-env-name"].Text() == BicepTemplateFixture.EnvironmentName,
            $"{r} is not tagged azd-env-name={BicepTemplateFixture.EnvironmentName}: {r.Body["tags"]?.ToJsonString()}"));
    }

    [Theory]
    [InlineData("Microsoft.App/containerApps", "listener")]
    [InlineData("Microsoft.Web/sites", "functions")]
    public void ServiceHost_Tags_NameItsAzdService(string type, string service)
    {
        var tagged = fixture.Deployment.AllResources.Where(r => r["tags.azd-service-name"].Text() == service).ToList();
        var host = Assert.Single(tagged);
        Assert.True(host.IsOfType(type), $"azd-service-name={service} is on {host}, expected a {type}");
    }
}
