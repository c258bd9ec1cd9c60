using System.Diagnostics.Metrics;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.KadoaSimulator;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace KadoaBridge.Listener.Tests;

/// <summary>The listener's instruments an operator alerts on are emitted with what happens.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class MetricsTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Metrics_EventsForwarded_CountersAndGaugesReportThem()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var emitted = new List<SimulatedEvent>();
        for (var i = 0; i < 5; i++)
        {
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync("wf-metrics"));
        }

        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, emitted.Count, Timeout);
        await Wait.UntilAsync(() => bridge.Service<ListenerState>().CheckpointUpdatedAt is not null, Timeout, "the checkpoint advances");
        var meters = bridge.Service<IMeterFactory>();

        Assert.True(Observe<long>(meters, "kadoa.listener.events.received") >= 5);
        Assert.True(Observe<long>(meters, "kadoa.listener.events.published") >= 5);
        Assert.Equal(0, Observe<long>(meters, "kadoa.listener.publish.failures"));
        Assert.Equal(1, Observe<int>(meters, "kadoa.listener.connected"));
        Assert.InRange(Observe<double>(meters, "kadoa.listener.heartbeat.age"), 0, 30);
        Assert.InRange(Observe<double>(meters, "kadoa.listener.checkpoint.age"), 0, 30);
    }

    private static T Observe<T>(IMeterFactory meters, string instrument)
        where T : struct
    {
        using var collector = new MetricCollector<T>(meters, ListenerMetrics.MeterName, instrument);
        collector.RecordObservableInstruments();
        return Assert.Single(collector.GetMeasurementSnapshot()).Value;
    }
}
