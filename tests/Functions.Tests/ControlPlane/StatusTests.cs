using Azure.Storage.Queues;
using KadoaBridge.Azurite;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>
/// <c>GET /api/status</c> reports exactly what storage holds. It runs on an Azurite of its own: queue depths, listener rows
/// and failure counts are global, and other tests' traffic would change them.
/// </summary>
[Trait("Category", "Integration")]
public class StatusTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Status_StoredFigures_ReportedExactly()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var clock = new FakeTimeProvider(Now);
        await using var host = new FunctionsTestHost(Settings(azurite.ConnectionString), services => services.AddSingleton<TimeProvider>(clock));
        var services = host.Services;
        await services.GetRequiredService<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);
        await WriteListenerRowAsync(services, clock);
        var queues = services.GetRequiredService<QueueServiceClient>();
        for (var i = 0; i < 3; i++)
        {
            await queues.GetQueueClient(QueueNames.Ingress).SendMessageAsync($"{{\"n\":{i}}}");
        }

        for (var i = 0; i < 2; i++)
        {
            await queues.GetQueueClient(QueueNames.IngressPoison).SendMessageAsync($"{{\"n\":{i}}}");
        }

        var deliveries = services.GetRequiredService<DeliveryStore>();
        await deliveries.MarkFailedAsync(Failure("e1", "changes"), CancellationToken.None);
        await deliveries.MarkFailedAsync(Failure("e2", "changes"), CancellationToken.None);
        await deliveries.MarkDeadLetteredAsync(Failure("e3", "changes"), CancellationToken.None);
        await deliveries.MarkDeadLetteredAsync(Failure("e4", "pricing"), CancellationToken.None);
        var failures = services.GetRequiredService<IngestFailureStore>();
        foreach (var (message, reason) in new[] { ("m1", "first reason"), ("m2", "second reason"), ("m3", "third reason") })
        {
            await failures.RecordAsync(message, 5, poisoned: message != "m2", reason, CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        clock.Advance(TimeSpan.FromSeconds(7)); // now = Now + 10 s

        var request = FunctionsTestHost.Request("GET", "/api/status");
        var answer = (await HttpAnswer.ExecuteAsync(await host.Create<StatusFunction>().RunAsync(request, CancellationToken.None), request)).AssertStatus(200);

        var json = answer.Json;
        var listener = Assert.Single(json["listeners"]!.AsArray())!;
        Assert.Equal("replica-1", (string)listener["replica"]!);
        Assert.Equal("Connected", (string)listener["state"]!);
        Assert.Equal("team-7", (string)listener["teamId"]!);
        Assert.Equal(25.0, (double)listener["heartbeatAgeSeconds"]!);     // heartbeat at Now - 15 s
        Assert.Equal(52.0, (double)listener["checkpointAgeSeconds"]!);    // checkpoint moved at Now - 42 s
        Assert.Equal(12, (long)listener["eventsReceived"]!);
        Assert.Equal(9, (long)listener["eventsPublished"]!);
        Assert.Equal(10.0, (double)listener["reportedAgeSeconds"]!);
        Assert.Equal(3, (long)json["queues"]!["ingressDepth"]!);
        Assert.Equal(2, (long)json["queues"]!["poisonDepth"]!);
        Assert.Equal(0, (long)json["queues"]!["replayDepth"]!);
        var destinations = json["destinations"]!.AsArray().ToDictionary(d => (string)d!["destination"]!, d => ((int)d!["failed"]!, (int)d["deadLettered"]!));
        Assert.Equal((2, 1), destinations["changes"]);
        Assert.Equal((0, 1), destinations["pricing"]);
        var recent = json["recentIngestFailures"]!.AsArray();
        Assert.Equal(["m3", "m2", "m1"], recent.Select(f => (string)f!["messageId"]!));
        Assert.Equal("third reason", (string)recent[0]!["reason"]!);
        Assert.Equal("default:changes", (string)json["unmatched"]!);
        Assert.False((bool)recent[1]!["poisoned"]!);
    }

    [Fact]
    public async Task Status_NothingReportedYet_EmptyListenersAndZeroCounts()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = new FunctionsTestHost(Settings(azurite.ConnectionString));
        await host.Services.GetRequiredService<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);

        var request = FunctionsTestHost.Request("GET", "/api/status");
        var answer = (await HttpAnswer.ExecuteAsync(await host.Create<StatusFunction>().RunAsync(request, CancellationToken.None), request)).AssertStatus(200);

        Assert.Empty(answer.Json["listeners"]!.AsArray());
        Assert.Equal(0, (long)answer.Json["queues"]!["ingressDepth"]!);
        Assert.All(answer.Json["destinations"]!.AsArray(), d => Assert.Equal(0, (int)d!["failed"]! + (int)d["deadLettered"]!));
        Assert.Empty(answer.Json["recentIngestFailures"]!.AsArray());
    }

    [Fact]
    public async Task Status_NoDefaultDestination_SaysUnmatchedEventsAreDropped()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var settings = Settings(azurite.ConnectionString);
        settings["Routing:DefaultDestination"] = null;
        await using var host = new FunctionsTestHost(settings);
        await host.Services.GetRequiredService<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);

        var request = FunctionsTestHost.Request("GET", "/api/status");
        var answer = (await HttpAnswer.ExecuteAsync(await host.Create<StatusFunction>().RunAsync(request, CancellationToken.None), request)).AssertStatus(200);

        Assert.Equal("dropped", (string)answer.Json["unmatched"]!);
    }

    private static async Task WriteListenerRowAsync(IServiceProvider services, FakeTimeProvider clock)
    {
        var listenerClock = new FakeTimeProvider(Now - TimeSpan.FromSeconds(15));
        var state = new ListenerState(listenerClock);
        state.SetTeam("team-7");
        state.SetState(ConnectionState.Connected);
        state.OnHeartbeat();
        state.OnCheckpoint("cursor-1", Now - TimeSpan.FromMinutes(5), Now - TimeSpan.FromSeconds(42));
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new ListenerMetrics(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), state, listenerClock);
        for (var i = 0; i < 12; i++)
        {
            metrics.OnReceived();
        }

        metrics.OnPublished(9);
        await services.GetRequiredService<ListenerStatusStore>().WriteAsync("replica-1", state, metrics, clock.GetUtcNow(), CancellationToken.None);
    }

    private static FailedDelivery Failure(string id, string destination) =>
        new(id, destination, 2, "503 ServiceUnavailable", Now + TimeSpan.FromMinutes(1), "wf|x", "row", null);

    private static Dictionary<string, string?> Settings(string storage) => new()
    {
        ["Kadoa:ApiKey"] = "unused-in-status",
        ["Storage:ConnectionString"] = storage,
        ["Routing:Destinations:changes:Endpoint"] = "http://127.0.0.1:9/topics/changes/api/events",
        ["Routing:Destinations:changes:Key"] = "changes-key",
        ["Routing:Destinations:pricing:Endpoint"] = "http://127.0.0.1:9/topics/pricing/api/events",
        ["Routing:Destinations:pricing:Key"] = "pricing-key",
        ["Routing:DefaultDestination"] = "changes",
    };
}
