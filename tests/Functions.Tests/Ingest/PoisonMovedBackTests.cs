using Azure.Data.Tables;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>Issue #11, path 3: a change re-ingested after poison reaches every destination its rules choose.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class PoisonMovedBackTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ingest_MovedBackAfterRedriveDeadLetteredAnUnstoredChange_ReachesEveryDestinationOnce()
    {
        await using var harness = await IngestHarness.StartAsync(azurite, rules: [new RouteRule { Name = "both", Destinations = [IngestHarness.Changes, IngestHarness.Pricing] }]);
        harness.EventGrid.InjectFault(IngestHarness.Pricing, new FaultSpec(503, Duration: TimeSpan.FromMinutes(5)));
        var id = SampleEvents.NewId();
        var json = SampleEvents.DataChange(id, "wf-moved-back");

        // "pricing" fails and is recorded for redrive; then storing the change fails, so the message fails (and, failing
        // every attempt, would end in poison without its change in history).
        var changes = new TableClient(harness.StorageConnectionString, TableNames.Changes);
        await changes.DeleteAsync();
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync(json));
        }
        finally
        {
            await AzuriteTables.RecreateAsync(changes, Timeout);
        }

        // Redrive cannot find the change in history and dead-letters the delivery after its attempts.
        var store = harness.Service<DeliveryStore>();
        var redrive = harness.Service<Redrive>();
        await Wait.UntilAsync(async () =>
        {
            await redrive.RunOnceAsync(CancellationToken.None);
            return await store.GetStateAsync(id, IngestHarness.Pricing, CancellationToken.None) == DeliveryState.DeadLettered;
        }, Timeout, "redrive dead-letters the delivery of the unstored change");
        harness.EventGrid.ClearFaults(IngestHarness.Pricing);

        var movedBack = await harness.IngestOnAnotherInstanceAsync(json); // POST /api/recovery/poison requeued it

        Assert.Equal(IngestOutcome.Processed, movedBack.Outcome);
        Assert.Equal(DeliveryState.Published, movedBack.Deliveries[IngestHarness.Pricing]);
        Assert.True(harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing).TryGetValue(id, out var pricing), "pricing never received the re-ingested change");
        Assert.Equal(1, pricing);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
        Assert.Equal(DeliveryState.Published, await store.GetStateAsync(id, IngestHarness.Pricing, CancellationToken.None));
        Assert.DoesNotContain(await store.ListAsync(DeliveryStore.DeadPartition(IngestHarness.Pricing), IngestHarness.Pricing, 10_000, CancellationToken.None), d => d.Id == id);
    }
}
