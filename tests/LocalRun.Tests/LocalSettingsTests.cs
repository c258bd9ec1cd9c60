using System.Text.Json.Nodes;
using KadoaBridge.LocalRun.FunctionsHost;

namespace KadoaBridge.LocalRun.Tests;

/// <summary>
/// <c>--write-local-settings</c>: the run starts everything but the Functions app and writes the settings
/// <c>func start</c> needs; the app started on those settings alone (as Core Tools would) ingests the run's events.
/// </summary>
[Collection(LocalRunCollection.Name)] // not beside the shared run: two cores are few
[Trait("Category", "Integration")]
public sealed class LocalSettingsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("kadoa-localsettings-").FullName;

    [Fact]
    public async Task WriteLocalSettings_FunctionsHostedOnTheFileAlone_IngestsTheRunsEvents()
    {
        var path = Path.Combine(_folder, "src", "Functions", "local.settings.json");
        using var output = new OutputCapture();
        var options = Options(path, output);
        options.Rate = 10;
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await using var bridge = await LocalBridge.StartAsync(options, startTimeout.Token);

        Assert.Null(bridge.Functions);
        Assert.Equal(Path.GetFullPath(path), bridge.LocalSettingsPath);
        Assert.Contains($"run 'func start' in src/Functions (settings written to {Path.GetFullPath(path)})", Banner.Render(bridge, options), StringComparison.Ordinal);
        var values = ReadValues(path);
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal(bridge.StorageConnectionString, values["AzureWebJobsStorage"]);
        Assert.Equal(bridge.StorageConnectionString, values["IngressQueue"]);
        Assert.Equal(bridge.EventGrid.GetTopicEndpoint(LocalBridge.ChangesTopic).AbsoluteUri, values["Routing__Destinations__changes__Endpoint"]);
        Assert.DoesNotContain(values.Keys, key => key.StartsWith("Logging__", StringComparison.Ordinal));

        // Nothing consumes the ingress queue yet: no change reaches the destination without the Functions app.
        var kadoa = bridge.Kadoa!;
        await Wait.UntilAsync(() => kadoa.Log.Count(e => e.ChangeId is not null) >= 3, Timeout, "the simulator emitted 3 changes");
        Assert.Empty(bridge.EventGrid.GetAccepted(LocalBridge.ChangesTopic));

        // The app on the file's settings (Section__Key, as Core Tools passes them) passes start-up validation and delivers.
        var settings = values.ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value);
        await using var functions = await FunctionsLocalHost.StartAsync(0, settings, _ => { }, TimeSpan.Zero, queueRunVisibility: null, startTimeout.Token);
        var emitted = kadoa.Log.Where(e => e.ChangeId is not null).Take(3).Select(e => e.ChangeId!).ToList();
        await Wait.UntilAsync(() => emitted.All(bridge.EventGrid.GetAcceptedIdCounts(LocalBridge.ChangesTopic).ContainsKey), Timeout, "the changes reach the changes topic through the app on local.settings.json");
    }

    [Fact]
    public async Task WriteLocalSettings_FileExists_RefusedBeforeAnythingStartsUnlessForced()
    {
        var path = Path.Combine(_folder, "local.settings.json");
        await File.WriteAllTextAsync(path, "{ \"mine\": true }");
        using var output = new OutputCapture();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => LocalBridge.StartAsync(Options(path, output), CancellationToken.None));

        Assert.Contains("already exists; pass --force to replace it", refused.Message, StringComparison.Ordinal);
        Assert.Equal("{ \"mine\": true }", await File.ReadAllTextAsync(path));

        var forced = Options(path, output);
        forced.OverwriteLocalSettings = true;
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using (await LocalBridge.StartAsync(forced, startTimeout.Token))
        {
            Assert.Equal("dotnet-isolated", ReadValues(path)["FUNCTIONS_WORKER_RUNTIME"]);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static LocalRunOptions Options(string path, OutputCapture output) => new()
    {
        StartFunctions = false,
        LocalSettingsPath = path,
        StartDashboard = false,
        ApiPort = 0,
        ListenerPort = 0,
        EmitSimulatorEvents = true,
        Rate = 0,
        Output = output,
        ConfigureLogging = _ => { },
    };

    private static Dictionary<string, string> ReadValues(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["Values"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
}
