using Azure.Storage.Queues;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.KadoaSimulator;
using KadoaBridge.Listener;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.Functions.Tests.Ingest;

[Collection(AzuriteCollection.Name)]
public class EndToEndTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Bridge_KadoaToDestinationTopic_EveryChangeArrivesExactlyOnce()
    {
        await using var kadoa = await Simulator.StartAsync(new KadoaSimulatorOptions { TeamId = "team-e2e-" + Guid.NewGuid().ToString("N")[..8], HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var topics = new EventGridEmulatorOptions();
        topics.Topics.Add(new TopicOptions { Name = "ingress", Key = "ingress-key" });
        topics.Topics.Add(new TopicOptions { Name = "changes", Key = "changes-key" });
        await using var eventGrid = await Emulator.StartAsync(topics);
        var queueName = "ingress-" + Guid.NewGuid().ToString("N")[..8];
        eventGrid.AddSubscription("ingress", new SubscriptionOptions { Name = "to-queue", StorageQueue = new StorageQueueDestination(azurite.ConnectionString, queueName), InitialRetryDelay = TimeSpan.FromMilliseconds(50) });

        await using var functions = new FunctionsTestHost(new Dictionary<string, string?>
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
        using var stopPump = new CancellationTokenSource();
        var pump = QueueTriggerPump.RunAsync(queue, functions.Create<IngestFunction>(), stopPump.Token);

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
        await listener.StartAsync();
        try
        {
            await kadoa.WaitForSubscribersAsync(1, Timeout);
            var emitted = new List<SimulatedEvent>();
            for (var i = 0; i < 60; i++)
            {
                emitted.Add(await kadoa.EmitDataChangeAsync($"wf-e2e-{i % 3}"));
            }

            await kadoa.DrainAsync(retryAfterMs: 50, closeAfter: TimeSpan.FromMilliseconds(500)); // overlap on two sockets
            for (var i = 0; i < 40; i++)
            {
                emitted.Add(await kadoa.EmitDataChangeAsync($"wf-e2e-{i % 3}"));
            }

            await kadoa.RedeliverUnackedAsync(); // Kadoa redelivering: same ids again
            var expected = emitted.Select(e => e.ChangeId!).ToList();
            await Wait.UntilAsync(() => expected.All(eventGrid.GetAcceptedIdCounts("changes").ContainsKey), Timeout, "every change reaches the destination topic");

            var arrived = eventGrid.GetAcceptedIdCounts("changes");
            output.WriteLine($"emitted {expected.Count}; at ingress {eventGrid.GetAccepted("ingress").Count} deliveries; at destination {arrived.Count} ids, {arrived.Values.Sum()} deliveries");
            Assert.Equal(expected.Count, arrived.Count);
            Assert.All(expected, id => Assert.Equal(1, arrived[id]));
        }
        finally
        {
            await listener.StopAsync();
            await listener.DisposeAsync();
            await stopPump.CancelAsync();
            await pump;
        }
    }
}
