using Azure.Data.Tables;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>Issue #11, path 8: one stored change that cannot be delivered never stops a redrive pass.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class RedriveIsolationTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Redrive_OneStoredChangeIsEmpty_ThatRowFailsWithTheReasonAndTheOthersArePublished()
    {
        await using var harness = await IngestHarness.StartAsync(azurite, new Dictionary<string, string?> { ["Routing:DefaultDestination"] = IngestHarness.Pricing });
        harness.EventGrid.InjectFault(IngestHarness.Pricing, new FaultSpec(503, Duration: TimeSpan.FromMinutes(5)));
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var bad = "chg-0-" + suffix; // first in the failed partition's key order
        var good = "chg-1-" + suffix;
        Assert.Equal(IngestOutcome.Processed, (await harness.IngestAsync(SampleEvents.DataChange(bad, "wf-isolate"))).Outcome);
        Assert.Equal(IngestOutcome.Processed, (await harness.IngestAsync(SampleEvents.DataChange(good, "wf-isolate"))).Outcome);

        // The bad change's stored event is empty (as if its blob were gone).
        var at = (await harness.Service<DedupeStore>().FindHistoryAsync(bad, CancellationToken.None))!;
        var changes = new TableClient(harness.StorageConnectionString, TableNames.Changes);
        await changes.UpdateEntityAsync(new TableEntity(at.Partition, at.Row) { ["Event"] = Array.Empty<byte>() }, Azure.ETag.All, TableUpdateMode.Merge);
        harness.EventGrid.ClearFaults(IngestHarness.Pricing);

        var store = harness.Service<DeliveryStore>();
        var redrive = harness.Service<Redrive>();
        await redrive.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing)[good]);
        Assert.Equal(DeliveryState.Published, await store.GetStateAsync(good, IngestHarness.Pricing, CancellationToken.None));
        var failed = (await store.ListAsync(DeliveryStore.FailedPartition(IngestHarness.Pricing), IngestHarness.Pricing, 10_000, CancellationToken.None)).Single(d => d.Id == bad);
        Assert.Equal(2, failed.Attempts);
        Assert.Contains("JsonException", failed.LastError, StringComparison.Ordinal);

        await Wait.UntilAsync(async () =>
        {
            await redrive.RunOnceAsync(CancellationToken.None);
            return await store.GetStateAsync(bad, IngestHarness.Pricing, CancellationToken.None) == DeliveryState.DeadLettered;
        }, Timeout, "the bad row is dead-lettered after its attempts");
        Assert.False(harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing).ContainsKey(bad));
    }
}
