using Azure.Storage.Queues;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.KadoaSimulator;
using KadoaBridge.Listener;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>
/// The whole pipeline in-process: Kadoa simulator → listener → ingress topic → (emulator's queue delivery into Azurite)
/// → the ingest function through the queue trigger pump → destination topic <c>changes</c>.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopPump = new();
    private Task _pump = Task.CompletedTask;

    private PipelineHarness(Simulator kadoa, Emulator eventGrid, FunctionsTestHost functions, WebApplication listener)
    {
        Kadoa = kadoa;
        EventGrid = eventGrid;
        Functions = functions;
        Listener = listener;
    }

    public Simulator Kadoa { get; }

    public Emulator EventGrid { get; }

    public FunctionsTestHost Functions { get; }

    public WebApplication Listener { get; }

    public static async Task<PipelineHarness> StartAsync(AzuriteFixture azurite, string teamPrefix)
    {
        var kadoa = await Simulator.StartAsync(new KadoaSimulatorOptions { TeamId = teamPrefix + Guid.NewGuid().ToString("N")[..8], HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var topics = new EventGridEmulatorOptions();
        topics.Topics.Add(new TopicOptions { Name = "ingress", Key = "ingress-key" });
        topics.Topics.Add(new TopicOptions { Name = "changes", Key = "changes-key" });
        var eventGrid = await Emulator.StartAsync(topics);
        var queueName = "ingress-" + Guid.NewGuid().ToString("N")[..8];
        eventGrid.AddSubscription("ingress", new SubscriptionOptions { Name = "to-queue", StorageQueue = new StorageQueueDestination(azurite.ConnectionString, queueName), InitialRetryDelay = TimeSpan.FromMilliseconds(50) });

        var functions = new FunctionsTestHost(new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "sim-key",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Routing:Destinations:changes:Endpoint"] = eventGrid.GetTopicEndpoint("changes").AbsoluteUri,
            ["Routing:Destinations:changes:Key"] = "changes-key",
            ["Routing:DefaultDestination"] = "changes",
        });
        await functions.Services.GetRequiredService<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);
        var queue = new QueueClient(azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync();

        var listener = ListenerApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kadoa:ApiKey"] = "sim-key",
                ["Kadoa:ApiBaseUrl"] = kadoa.ApiBaseUrl.AbsoluteUri,
                ["Kadoa:RealtimeUrl"] = kadoa.RealtimeUrl.AbsoluteUri,
                ["Kadoa:RealtimeHttpUrl"] = kadoa.RealtimeHttpUrl.AbsoluteUri,
                ["Kadoa:HeartbeatTimeout"] = "00:00:02",
                ["Kadoa:ReconnectMinDelay"] = "00:00:00.050",
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["EventGrid:TopicEndpoint"] = eventGrid.GetTopicEndpoint("ingress").AbsoluteUri,
                ["EventGrid:TopicKey"] = "ingress-key",
                ["urls"] = "http://127.0.0.1:0",
            });
            builder.Logging.ClearProviders();
        });
        var harness = new PipelineHarness(kadoa, eventGrid, functions, listener);
        harness._pump = QueueTriggerPump.RunAsync(queue, functions.Create<IngestFunction>(), harness._stopPump.Token);
        await listener.StartAsync();
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.StopAsync();
        await Listener.DisposeAsync();
        await _stopPump.CancelAsync();
        await _pump;
        _stopPump.Dispose();
        await Functions.DisposeAsync();
        await EventGrid.DisposeAsync();
        await Kadoa.DisposeAsync();
    }
}
