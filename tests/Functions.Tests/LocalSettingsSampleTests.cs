using System.Reflection;
using System.Text.Json.Nodes;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Functions.Tests;

/// <summary>
/// src/Functions/local.settings.sample.json (copied to local.settings.json for <c>func start</c>) holds every setting the
/// app needs against the standalone Azurite, Kadoa simulator and Event Grid emulator, and no secret.
/// </summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly JsonObject Values = ReadValues();

    [Fact]
    public void Sample_Runtime_IsTheIsolatedWorkerOnAzurite()
    {
        Assert.Equal("dotnet-isolated", Values["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
        Assert.Equal("UseDevelopmentStorage=true", Values["AzureWebJobsStorage"]!.GetValue<string>());
    }

    [Fact]
    public void Sample_EveryQueueTriggerConnection_IsSet()
    {
        var connections = typeof(FunctionsServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()?.Connection)
            .OfType<string>()
            .Distinct()
            .ToList();

        Assert.NotEmpty(connections);
        Assert.All(connections, c => Assert.False(string.IsNullOrEmpty(Values[c]?.GetValue<string>()), $"no value for the queue connection '{c}'"));
    }

    [Fact]
    public async Task Sample_Settings_PassTheAppsStartupValidation()
    {
        var settings = Values.ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value!.GetValue<string>());
        await using var host = new FunctionsTestHost(settings);

        var routing = host.Services.GetRequiredService<IOptions<RoutingOptions>>().Value;
        Assert.Equal("changes", routing.DefaultDestination);
        Assert.Equal("http", routing.Destinations["changes"].Endpoint!.Scheme);
        Assert.Equal(new Uri("http://127.0.0.1:5380/"), host.Services.GetRequiredService<IOptions<KadoaOptions>>().Value.ApiBaseUrl);
    }

    [Fact]
    public void Sample_Values_HoldOnlyDevelopmentKeys()
    {
        // The simulator's and the emulator's built-in development keys; a real key never belongs in a sample.
        Assert.Equal("sim-key", Values["Kadoa__ApiKey"]!.GetValue<string>());
        Assert.All(Values.Where(p => p.Key.EndsWith("__Key", StringComparison.Ordinal)), p => Assert.Equal("emulator-key", p.Value!.GetValue<string>()));
    }

    private static JsonObject ReadValues()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var sample = Path.Combine(dir.FullName, "src", "Functions", "local.settings.sample.json");
            if (File.Exists(sample))
            {
                return JsonNode.Parse(File.ReadAllText(sample))!["Values"]!.AsObject();
            }
        }

        throw new InvalidOperationException("src/Functions/local.settings.sample.json not found above the test binaries.");
    }
}
