using KadoaBridge.KadoaSimulator;
using Xunit.Abstractions;

namespace KadoaBridge.Functions.Tests.Ingest;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class EndToEndTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Bridge_KadoaToDestinationTopic_EveryChangeArrivesExactlyOnce()
    {
        await using var pipeline = await PipelineHarness.StartAsync(azurite, "team-e2e-");
        var (kadoa, eventGrid) = (pipeline.Kadoa, pipeline.EventGrid);
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
}
