using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

/// <summary>
/// One alias rule in the template and the apps: letters and digits, at most 31 (the topic name is 'evgt-' + alias + '-' +
/// a 13-character token, at most 50), not 'ingress', unique ignoring case; an invalid alias fails before anything is created.
/// </summary>
[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class DestinationAliasTests(BicepTemplateFixture fixture)
{
    [Fact]
    public void Aliases_LongestAllowed_GivesTopicNamesWithinEventGridsLimit()
    {
        var longest = new string('a', 30) + "9";
        var deployment = fixture.Expand(p => p["destinationTopics"] = new JsonArray("changes", "Prices2", longest));

        var names = deployment.Topics().Select(t => t.Name).ToList();
        Assert.Contains(names, n => n.StartsWith($"evgt-{longest}-", StringComparison.Ordinal));
        Assert.All(names, n => Assert.InRange(n.Length, 3, 50));
    }

    [Theory]
    [InlineData("price-changes")]
    [InlineData("price_changes")]
    [InlineData("price.changes")]
    [InlineData("prïces")]
    [InlineData("ingress")]
    [InlineData("Ingress")]
    [InlineData("")]
    [InlineData("aaaaaaaaaabbbbbbbbbbccccccccccdd")]
    public void Aliases_Invalid_FailBeforeTheResourceGroupNamingTheAlias(string alias)
    {
        var failure = Assert.Throws<TemplateFailedException>(() =>
            fixture.Expand(p => p["destinationTopics"] = new JsonArray("changes", alias)));

        Assert.Contains($"alias(es): {alias}.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("letters and digits", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_SameIgnoringCase_Fail()
    {
        var failure = Assert.Throws<TemplateFailedException>(() =>
            fixture.Expand(p => p["destinationTopics"] = new JsonArray("changes", "Changes")));

        Assert.Contains("alias(es): Changes.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_Check_IsWhatTheResourceGroupsLocationDependsOn()
    {
        var resourceGroup = fixture.Template["resources"]!.AsObject()["rg"]!;
        Assert.Equal("[variables('validatedLocation')]", resourceGroup["location"]!.GetValue<string>());
    }
}
