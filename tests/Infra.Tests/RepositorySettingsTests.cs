using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace KadoaBridge.Infra.Tests;

/// <summary>Settings outside the template that decide whether a first deployment works and how fast ingest reacts.</summary>
public sealed class RepositorySettingsTests
{
    [Fact]
    public void GlobalJson_Sdk_AcceptsEveryDotnet10SdkFrom100()
    {
        var sdk = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("global.json")))!["sdk"]!;
        Assert.Equal("10.0.100", sdk["version"]!.GetValue<string>());
        // latestFeature: any installed 10.0.x SDK at or above 10.0.100 (all feature bands), never a different major.
        Assert.Equal("latestFeature", sdk["rollForward"]!.GetValue<string>());
    }

    [Fact]
    public void HostJson_IdleQueue_IsPolledAtLeastEveryFiveSeconds()
    {
        var queues = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("host.json")))!["extensions"]!["queues"]!;
        var interval = TimeSpan.Parse(queues["maxPollingInterval"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(interval, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void InfraTests_BicepPackage_IsChosenByPlatform()
    {
        var project = XDocument.Load(RepoRoot.Combine("tests", "Infra.Tests", "KadoaBridge.Infra.Tests.csproj"));
        var reference = Assert.Single(project.Descendants("PackageReference"), r => ((string?)r.Attribute("Include"))!.Contains("Bicep", StringComparison.Ordinal));
        Assert.Equal("$(BicepPackage)", (string?)reference.Attribute("Include"));

        // Central versions exist for every platform the Bicep CLI ships for.
        var versions = XDocument.Load(RepoRoot.Combine("Directory.Packages.props")).Descendants("PackageVersion")
            .Select(v => (string?)v.Attribute("Include")).ToHashSet();
        foreach (var rid in new[] { "linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64", "win-arm64" })
        {
            Assert.Contains($"Azure.Bicep.CommandLine.{rid}", versions);
        }
    }
}
