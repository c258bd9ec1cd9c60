using System.Text;
using Azure.Data.Tables;
using KadoaBridge.Core;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KadoaBridge.Functions.Tests.Retention;

/// <summary>
/// A repeat that arrives after retention removed its <c>Dedupe</c> row is still a repeat: history, which is kept, catches
/// it, and nothing is published twice.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RepeatAfterRetentionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ingest_RepeatAfterItsDedupeRowWasRemoved_DuplicateFromHistory()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var id = SampleEvents.NewId();
        var json = SampleEvents.DataChange(id, "wf-retained", clock.GetUtcNow());
        var first = await IngestOnNewInstanceAsync(harness, clock, json);
        Assert.Equal(IngestOutcome.Processed, first.Outcome);

        // 31 days later Kadoa replays the change (an old cursor, a recovered poison copy), and its dedupe row is gone.
        clock.Advance(TimeSpan.FromDays(31));
        var dedupe = new TableClient(harness.StorageConnectionString, TableNames.Dedupe);
        var row = Assert.Single(dedupe.Query<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {id}")));
        await dedupe.DeleteEntityAsync(row.PartitionKey, row.RowKey);

        var repeat = await IngestOnNewInstanceAsync(harness, clock, json);

        Assert.Equal(IngestOutcome.Duplicate, repeat.Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
    }

    /// <summary>Ingests on an instance of its own (nothing in memory) whose clock is <paramref name="clock"/>.</summary>
    internal static async Task<IngestResult> IngestOnNewInstanceAsync(IngestHarness harness, TimeProvider clock, string cloudEvent)
    {
        var services = harness.Host.Services;
        var recentlyDone = new RecentIds(IngestService.RecentlyDoneCapacity);
        var ingest = ActivatorUtilities.CreateInstance<IngestService>(services, ActivatorUtilities.CreateInstance<DedupeStore>(services, clock), recentlyDone, clock);
        return await ingest.IngestAsync(Encoding.UTF8.GetBytes(cloudEvent), CancellationToken.None);
    }
}
