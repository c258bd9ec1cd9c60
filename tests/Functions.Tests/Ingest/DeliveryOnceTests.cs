using Azure.Data.Tables;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>Issue #11, path 1: a failure on one destination never republishes to the others.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class DeliveryOnceTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ingest_RecordingADestinationFailureFails_RetryPublishesOnlyToThatDestination()
    {
        await using var harness = await IngestHarness.StartAsync(azurite, rules: [new RouteRule { Name = "both", Destinations = [IngestHarness.Changes, IngestHarness.Pricing] }]);
        harness.EventGrid.InjectFault(IngestHarness.Pricing, new FaultSpec(503, Duration: TimeSpan.FromMinutes(5)));
        var id = SampleEvents.NewId();
        var json = SampleEvents.DataChange(id, "wf-once");

        // "changes" accepts the event; the failure on "pricing" cannot be recorded (the Deliveries table is gone).
        var deliveries = new TableClient(harness.StorageConnectionString, TableNames.Deliveries);
        await deliveries.DeleteAsync();
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync(json));
        }
        finally
        {
            await AzuriteTables.RecreateAsync(deliveries, Timeout);
        }

        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
        harness.EventGrid.ClearFaults(IngestHarness.Pricing);

        var retried = await harness.IngestOnAnotherInstanceAsync(json); // the queue's retry of the message

        Assert.Equal(IngestOutcome.Processed, retried.Outcome);
        Assert.Equal(DeliveryState.Published, retried.Deliveries[IngestHarness.Pricing]);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing)[id]);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]); // not published again
    }
}
