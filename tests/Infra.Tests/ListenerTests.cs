using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class ListenerTests(BicepTemplateFixture fixture)
{
    private const string Placeholder = "mcr.microsoft.com/azuredocs/containerapps-helloworld:latest";

    [Fact]
    public void ListenerApp_Scale_KeepsAtLeastOneReplica()
    {
        var scale = fixture.Deployment.ListenerApp()["properties.template.scale"]!;
        Assert.True(ArmValues.AsLong(scale["minReplicas"]) >= 1, $"minReplicas: {scale.ToJsonString()}");
        Assert.True(ArmValues.AsLong(scale["maxReplicas"]) >= ArmValues.AsLong(scale["minReplicas"]));
    }

    [Theory]
    [InlineData("Liveness", "/healthz")]
    [InlineData("Startup", "/healthz")]
    public void ListenerContainer_Probe_UsesItsHealthEndpoint(string type, string path)
    {
        var probes = fixture.Deployment.ListenerContainer()["probes"]!.AsArray();
        var probe = Assert.Single(probes, p => p?["type"].Text() == type);
        Assert.Equal(path, probe!["httpGet"]?["path"].Text());
        Assert.Equal(8080, ArmValues.AsLong(probe["httpGet"]?["port"]));
    }

    [Fact]
    public void ListenerContainer_Readiness_IsNotProbed()
    {
        // /readyz needs a live Kadoa connection: as a probe it would keep every new revision from becoming ready
        // during a Kadoa outage or with a wrong key, where neither a restart nor a rollback helps.
        var probes = fixture.Deployment.ListenerContainer()["probes"]!.AsArray();
        Assert.DoesNotContain(probes, p => p?["type"].Text() == "Readiness");
        Assert.DoesNotContain(probes, p => p?["httpGet"]?["path"].Text() == "/readyz");
    }

    [Fact]
    public void ListenerContainer_StartupProbe_AllowsAMinuteToStart()
    {
        var startup = Assert.Single(fixture.Deployment.ListenerContainer()["probes"]!.AsArray(), p => p?["type"].Text() == "Startup")!;
        var window = ArmValues.AsLong(startup["initialDelaySeconds"]) + (ArmValues.AsLong(startup["periodSeconds"]) * ArmValues.AsLong(startup["failureThreshold"]));
        Assert.InRange(window!.Value, 45, 300);
    }

    [Fact]
    public void ListenerEnv_HttpPorts_ListenOnTheProbedPortWithoutUrls()
    {
        var env = fixture.Deployment.ListenerEnv();
        Assert.Equal("8080", env["ASPNETCORE_HTTP_PORTS"]["value"].Text());
        Assert.False(env.ContainsKey("ASPNETCORE_URLS"), "ASPNETCORE_URLS would override ASPNETCORE_HTTP_PORTS with a warning");
    }

    [Fact]
    public void ListenerContainer_ImageExists_KeepsTheImageAzdDeployed()
    {
        var app = fixture.Deployment.ListenerApp();
        Assert.Equal(app.RuntimeValue(".template.containers[0].image"), fixture.Deployment.ListenerContainer()["image"].Text());
    }

    [Fact]
    public void Listener_BeforeTheFirstDeploy_RunsThePlaceholderWithoutProbes()
    {
        // The placeholder image serves no /healthz; probes come with the real image (azure.yaml provisions again after deploy).
        var deployment = fixture.Expand(p => p["listenerExists"] = false);
        var container = deployment.ListenerContainer();
        Assert.Equal(Placeholder, container["image"].Text());
        Assert.Empty(container["probes"]!.AsArray());
        Assert.True(ArmValues.AsLong(deployment.ListenerApp()["properties.template.scale.minReplicas"]) >= 1);
    }

    [Fact]
    public void Listener_BeforeTheFirstDeploy_ReadsNoKeyVaultSecret()
    {
        // Container Apps refuses the whole app when its identity cannot read a referenced secret yet (role assignments take
        // minutes to reach Key Vault on a fresh subscription): the placeholder needs no key, the provision after deploy adds it.
        var deployment = fixture.Expand(p => p["listenerExists"] = false);
        Assert.Empty(deployment.ListenerApp()["properties.configuration.secrets"]!.AsArray());
        Assert.False(deployment.ListenerEnv().ContainsKey("Kadoa__ApiKey"));
    }

    [Fact]
    public void ListenerEnv_KadoaKey_IsAKeyVaultReferenceWithItsIdentity()
    {
        var env = fixture.Deployment.ListenerEnv()["Kadoa__ApiKey"];
        Assert.Null(env["value"]);
        var secretName = env["secretRef"].Text();
        var secrets = fixture.Deployment.ListenerApp()["properties.configuration.secrets"]!.AsArray();
        var secret = Assert.Single(secrets, s => s?["name"].Text() == secretName)!.AsObject();
        Assert.False(secret.ContainsKey("value"), "the container app must not hold the key itself");
        Assert.Equal(fixture.Deployment.Single("Microsoft.KeyVault/vaults/secrets").RuntimeValue(".secretUri"), secret["keyVaultUrl"].Text());
        Assert.Equal(fixture.Deployment.Identity("listener").Id, secret["identity"].Text());
    }

    [Fact]
    public void ListenerApp_Registry_IsPulledWithItsIdentity()
    {
        var registry = Assert.Single(fixture.Deployment.ListenerApp()["properties.configuration.registries"]!.AsArray())!;
        Assert.Equal(fixture.Deployment.Single("Microsoft.ContainerRegistry/registries").RuntimeValue(".loginServer"), registry["server"].Text());
        Assert.Equal(fixture.Deployment.Identity("listener").Id, registry["identity"].Text());
        Assert.Null(registry["passwordSecretRef"]);
    }

    [Fact]
    public void ListenerEnv_EventGrid_IsTheIngressTopicWithoutAKey()
    {
        var env = fixture.Deployment.ListenerEnv();
        Assert.Equal(fixture.Deployment.IngressTopic().RuntimeValue(".endpoint"), env["EventGrid__TopicEndpoint"]["value"].Text());
        Assert.False(env.ContainsKey("EventGrid__TopicKey"));
    }

    [Fact]
    public void Listener_KadoaEndpoints_FollowTheParameters()
    {
        var deployment = fixture.Expand(p => p["kadoaApiBaseUrl"] = JsonValue.Create("https://kadoa.example"));
        Assert.Equal("https://kadoa.example", deployment.ListenerEnv()["Kadoa__ApiBaseUrl"]["value"].Text());
        Assert.Equal("https://kadoa.example", deployment.FunctionAppSettings()["Kadoa__ApiBaseUrl"].Text());
    }
}
