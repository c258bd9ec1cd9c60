using System.Diagnostics;
using Azure.Storage.Queues;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.KadoaSimulator;
using KadoaBridge.Listener;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>A change is one trace from the Kadoa frame to each destination, across the real queue hop.</summary>
[Collection(AzuriteCollection.Name)]
public class TracingEndToEndTests(AzuriteFixture azurite)
{
    private const string TraceParentPattern = "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Bridge_KadoaToDestination_EachChangeIsOneTraceCarriedByEveryCloudEvent()
    {
        var spans = new LockedList();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(BridgeTelemetry.Listener, BridgeTelemetry.Ingest)
            .AddInMemoryExporter(spans)
            .Build();
        await using var kadoa = await Simulator.StartAsync(new KadoaSimulatorOptions { TeamId = "team-trace-" + Guid.NewGuid().ToString("N")[..8], HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
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
            var ids = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                ids.Add((await kadoa.EmitDataChangeAsync($"wf-trace-{i % 2}")).ChangeId!);
            }

            await Wait.UntilAsync(() => ids.All(eventGrid.GetAcceptedIdCounts("changes").ContainsKey), Timeout, "every change reaches the destination topic");
            await Wait.UntilAsync(() => Snapshot(spans).Count(s => s.OperationName == "publish changes") >= ids.Count, Timeout, "every destination publish span has ended");
            tracing.ForceFlush();

            var ended = Snapshot(spans);
            var ingress = eventGrid.GetAccepted("ingress").ToDictionary(e => e.Id, e => e.CloudEvent.GetProperty("traceparent").GetString()!);
            var destination = eventGrid.GetAccepted("changes").ToDictionary(e => e.Id, e => e.CloudEvent.GetProperty("traceparent").GetString()!);
            foreach (var id in ids)
            {
                var publish = Assert.Single(ended, s => s.OperationName == ListenerSpans.PublishIngress && Equals(s.GetTagItem("cloudevents.event_id"), id));
                var process = Assert.Single(ended, s => s.OperationName == IngestSpans.ProcessIngress && Equals(s.GetTagItem("cloudevents.event_id"), id));
                var deliver = Assert.Single(ended, s => s.OperationName == "publish changes" && s.ParentSpanId == process.SpanId);

                // One trace: listener publish → (queue) → ingest → destination publish.
                Assert.Equal(publish.TraceId, process.TraceId);
                Assert.Equal(publish.SpanId, process.ParentSpanId);
                Assert.Equal(publish.TraceId, deliver.TraceId);
                Assert.Equal(ActivityKind.Producer, publish.Kind);
                Assert.Equal(ActivityKind.Consumer, process.Kind);
                Assert.Equal(ActivityKind.Producer, deliver.Kind);

                // Every CloudEvent carries the context of the hop that published it; the id never changes.
                Assert.Matches(TraceParentPattern, ingress[id]);
                Assert.Matches(TraceParentPattern, destination[id]);
                Assert.Equal(publish.Id, ingress[id]);
                Assert.Equal(deliver.Id, destination[id]);
            }
        }
        finally
        {
            await listener.StopAsync();
            await listener.DisposeAsync();
            await stopPump.CancelAsync();
            await pump;
        }
    }

    private static List<Activity> Snapshot(LockedList spans) => spans.Snapshot();

    /// <summary>The exporter adds from its own thread while the test reads.</summary>
    private sealed class LockedList : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _gate = new();

        public List<Activity> Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
