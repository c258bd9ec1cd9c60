using System.Diagnostics.Metrics;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using KadoaBridge.EventGridEmulator;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>The ingest and delivery instruments an operator alerts on move with what happens.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class IngestMetricsTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Metrics_IngestRepeatFailureRedriveAndDeadLetter_AreEachCountedPerDestination()
    {
        await using var harness = await IngestHarness.StartAsync(azurite, rules: [new RouteRule { Name = "both", Destinations = [IngestHarness.Changes, IngestHarness.Pricing] }]);
        var meters = harness.Service<IMeterFactory>();
        using var ingested = Collect<long>(meters, "kadoa.ingest.events.ingested");
        using var duplicates = Collect<long>(meters, "kadoa.ingest.events.duplicates");
        using var routed = Collect<long>(meters, "kadoa.delivery.routed");
        using var failures = Collect<long>(meters, "kadoa.delivery.failures");
        using var redriven = Collect<long>(meters, "kadoa.delivery.redriven");
        using var deadLettered = Collect<long>(meters, "kadoa.delivery.deadlettered");
        using var lag = Collect<double>(meters, "kadoa.ingest.lag");

        harness.EventGrid.InjectFault(IngestHarness.Pricing, new FaultSpec(503, Duration: TimeSpan.FromMinutes(5)));
        var first = SampleEvents.NewId();
        var json = SampleEvents.DataChange(first, "wf-metrics");
        await harness.IngestAsync(json);
        await harness.IngestAsync(json); // a repeat
        harness.EventGrid.ClearFaults(IngestHarness.Pricing);
        var redrive = harness.Service<Redrive>();
        await Wait.UntilAsync(async () => (await redrive.RunOnceAsync(CancellationToken.None)).Published > 0 || redriven.GetMeasurementSnapshot().Count > 0, Timeout, "redrive republishes");

        harness.EventGrid.InjectFault(IngestHarness.Pricing, new FaultSpec(400, Duration: TimeSpan.FromMinutes(5))); // refused: dead-lettered at once
        await harness.IngestAsync(SampleEvents.DataChange(SampleEvents.NewId(), "wf-metrics"));

        Assert.Equal(2, Sum(ingested));
        Assert.Equal(1, Sum(duplicates));
        Assert.Equal(2, Sum(routed, IngestHarness.Changes));
        Assert.Equal(2, Sum(routed, IngestHarness.Pricing));
        Assert.Equal(2, Sum(failures, IngestHarness.Pricing));
        Assert.Equal(0, Sum(failures, IngestHarness.Changes));
        Assert.Equal(1, Sum(redriven, IngestHarness.Pricing));
        Assert.Equal(1, Sum(deadLettered, IngestHarness.Pricing));
        Assert.Equal(2, lag.GetMeasurementSnapshot().Count);
        Assert.All(lag.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, 3600 * 24 * 400));
    }

    [Fact]
    public async Task BacklogSampler_Sample_ReportsEachQueueDepthAndStrandedKind()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var meters = harness.Service<IMeterFactory>();
        using var depth = Collect<long>(meters, "kadoa.queue.depth");
        using var stranded = Collect<long>(meters, "kadoa.stranded");
        var sampler = new BacklogSampler(harness.Service<Azure.Storage.Queues.QueueServiceClient>(), harness.Service<Core.ControlPlane.StrandedItems>(), harness.Service<IngestMetrics>(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<BacklogSampler>.Instance);

        await sampler.SampleAsync(includeStranded: true, CancellationToken.None);
        depth.RecordObservableInstruments();
        stranded.RecordObservableInstruments();

        var queues = depth.GetMeasurementSnapshot().Select(m => (string)m.Tags["queue"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "ingress", "ingress-poison", "replay" }, queues);
        var kinds = stranded.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["kind"]!, m => m.Value);
        Assert.Equal(["deadletters", "poison", "quarantine"], kinds.Keys.Order());
    }

    private static MetricCollector<T> Collect<T>(IMeterFactory meters, string instrument)
        where T : struct => new(meters, IngestMetrics.MeterName, instrument);

    private static long Sum(MetricCollector<long> collector, string? destination = null) =>
        collector.GetMeasurementSnapshot().Where(m => destination is null || Equals(m.Tags["destination"], destination)).Sum(m => m.Value);
}
