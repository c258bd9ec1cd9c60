using System.Text.Json.Nodes;

namespace KadoaBridge.Infra.Tests;

[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class ParametersFileTests(BicepTemplateFixture fixture)
{
    private static JsonObject FileParameters() =>
        JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("infra", "main.parameters.json")))!["parameters"]!.AsObject();

    private JsonObject TemplateParameters => fixture.Template["parameters"]!.AsObject();

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("kadoaApiKey", "${KADOA_API_KEY}")]
    [InlineData("listenerExists", "${SERVICE_LISTENER_RESOURCE_EXISTS=false}")]
    [InlineData("alertEmail", "${ALERT_EMAIL=}")]
    public void ParametersFile_Parameter_ComesFromAzdEnvironment(string parameter, string value) =>
        Assert.Equal(value, FileParameters()[parameter]?["value"].Text());

    [Fact]
    public void ParametersFile_EveryEntry_IsATemplateParameter()
    {
        foreach (var (name, _) in FileParameters())
        {
            Assert.True(TemplateParameters.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare.");
        }
    }

    [Fact]
    public void ParametersFile_ParametersWithoutDefault_AreAllSet()
    {
        var file = FileParameters();
        foreach (var (name, declaration) in TemplateParameters)
        {
            if (!declaration!.AsObject().ContainsKey("defaultValue"))
            {
                Assert.True(file.ContainsKey(name), $"main.bicep parameter '{name}' has no default and is missing from main.parameters.json.");
            }
        }
    }

    [Fact]
    public void KadoaApiKey_Declaration_IsSecureWithoutDefault()
    {
        var declaration = TemplateParameters["kadoaApiKey"]!.AsObject();
        Assert.Equal("securestring", declaration["type"].Text());
        Assert.False(declaration.ContainsKey("defaultValue"));
    }

    [Theory]
    [InlineData("kadoaApiBaseUrl", "https://api.kadoa.com")]
    [InlineData("kadoaRealtimeUrl", "wss://realtime.kadoa.com")]
    [InlineData("kadoaRealtimeHttpUrl", "https://realtime.kadoa.com")]
    public void KadoaEndpoint_NotSet_DefaultsToKadoa(string parameter, string expected) =>
        Assert.Equal(expected, TemplateParameters[parameter]?["defaultValue"].Text());

    [Fact]
    public void AlertEmail_NotSet_DefaultsToEmpty() =>
        Assert.Equal(string.Empty, TemplateParameters["alertEmail"]?["defaultValue"].Text());

    [Fact]
    public void DestinationTopics_NotSet_DefaultToChanges() =>
        Assert.Equal("[\"changes\"]", TemplateParameters["destinationTopics"]?["defaultValue"]?.ToJsonString());
}
