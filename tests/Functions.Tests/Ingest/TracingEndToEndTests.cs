using System.Diagnostics;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Ingest;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>A change is one trace from the Kadoa frame to each destination, across the real queue hop.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
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
        await using var pipeline = await PipelineHarness.StartAsync(azurite, "team-trace-");
        var (kadoa, eventGrid) = (pipeline.Kadoa, pipeline.EventGrid);
        await kadoa.WaitForSubscribersAsync(1, Timeout);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await kadoa.EmitDataChangeAsync($"wf-trace-{i % 2}")).ChangeId!);
        }

        await Wait.UntilAsync(() => ids.All(eventGrid.GetAcceptedIdCounts("changes").ContainsKey), Timeout, "every change reaches the destination topic");
        await Wait.UntilAsync(() => Snapshot(spans).Count(s => s.OperationName == "publish changes") >= ids.Count, Timeout, "every destination publish span has ended");

        // The listener ends its span after Event Grid's answer, which on a loaded machine can come after ingest finished.
        await Wait.UntilAsync(
            () => ids.All(id => Snapshot(spans).Any(s => s.OperationName == ListenerSpans.PublishIngress && Equals(s.GetTagItem("cloudevents.event_id"), id))),
            Timeout,
            "every listener publish span has ended");
        // Ingest ends its span after storing the change, which comes after the destination publish.
        await Wait.UntilAsync(
            () => ids.All(id => Snapshot(spans).Any(s => s.OperationName == IngestSpans.ProcessIngress && Equals(s.GetTagItem("cloudevents.event_id"), id))),
            Timeout,
            "every ingest span has ended");
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
