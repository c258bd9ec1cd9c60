using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KadoaBridge.Infra.Tests;

/// <summary>Every setting the apps read (<see cref="AppSettingsContract"/>) is set by the Bicep.</summary>
[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class AppSettingsContractTests(BicepTemplateFixture fixture)
{
    public static TheoryData<string[]> DestinationLists => new() { new[] { "changes" }, new[] { "changes", "pricing", "stock" } };

    [Fact]
    public void ListenerEnv_Compiled_SetsEverySettingTheListenerReads()
    {
        var env = fixture.Deployment.ListenerEnv();
        var missing = AppSettingsContract.Listener.Where(name => !env.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"listener container env lacks: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(DestinationLists))]
    public void FunctionAppSettings_AnyDestinationList_SetEverySettingTheFunctionsRead(string[] destinations)
    {
        var deployment = fixture.Expand(p => p["destinationTopics"] = new JsonArray([.. destinations.Select(d => (JsonNode)JsonValue.Create(d))]));
        var settings = deployment.FunctionAppSettings();
        var expected = AppSettingsContract.Functions.SelectMany(name => name.Contains(AppSettingsContract.AliasPlaceholder, StringComparison.Ordinal)
            ? destinations.Select(alias => name.Replace(AppSettingsContract.AliasPlaceholder, alias, StringComparison.Ordinal))
            : [name]);
        var missing = expected.Where(name => !settings.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"Functions app settings lack: {string.Join(", ", missing)}");
    }

    [Fact]
    public void RootOutputs_Compiled_AreUpperSnakeCase() =>
        Assert.All(fixture.Deployment.Outputs.Keys, name => Assert.Matches(new Regex("^[A-Z][A-Z0-9_]*$"), name));

    [Theory]
    [InlineData("Storage__TableServiceUri")]
    [InlineData("Storage__BlobServiceUri")]
    [InlineData("Storage__QueueServiceUri")]
    [InlineData("EventGrid__TopicEndpoint")]
    [InlineData("Kadoa__ApiBaseUrl")]
    [InlineData("Kadoa__RealtimeUrl")]
    [InlineData("Kadoa__RealtimeHttpUrl")]
    [InlineData("Routing__DefaultDestination")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    public void RootOutput_AppSetting_HasItsNameAndValueForLocalRuns(string setting)
    {
        // azd writes outputs to .azure/<env>/.env; .NET configuration keys are case-insensitive.
        var output = setting.ToUpperInvariant();
        Assert.True(fixture.Deployment.Outputs.ContainsKey(output), $"no output {output}");
        var listener = fixture.Deployment.ListenerEnv();
        var functions = fixture.Deployment.FunctionAppSettings();
        var appValue = listener.TryGetValue(setting, out var env) ? env["value"].Text() : functions[setting].Text();
        Assert.Equal(appValue, fixture.Deployment.Outputs[output].Text());
    }

    [Theory]
    [InlineData("AZURE_CONTAINER_REGISTRY_ENDPOINT")]
    [InlineData("SERVICE_FUNCTIONS_URI")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("EVENTGRID_DESTINATION_ENDPOINTS")]
    public void RootOutput_NeededByAzdOrTheHook_Exists(string output) =>
        Assert.True(fixture.Deployment.Outputs.ContainsKey(output), $"no output {output}");
}
