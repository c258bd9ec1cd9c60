using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions.Tests.Ingest;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class IngestTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ingest_SameEventThreeTimes_StoredAndPublishedOnce()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var id = SampleEvents.NewId();
        var json = SampleEvents.DataChange(id, "wf-dedupe-" + id);

        var first = await harness.IngestAsync(json);
        var second = await harness.IngestAsync(json); // this instance remembers the id
        var third = await harness.IngestOnAnotherInstanceAsync(json); // another asks storage

        Assert.Equal(IngestOutcome.Processed, first.Outcome);
        Assert.Equal(DeliveryState.Published, first.Deliveries[IngestHarness.Changes]);
        Assert.Equal(IngestOutcome.Duplicate, second.Outcome);
        Assert.Equal(IngestOutcome.Duplicate, third.Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
        var page = await harness.Service<ChangeStore>().QueryAsync(new ChangeQuery { WorkflowId = "wf-dedupe-" + id }, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task Ingest_SameEventThreeTimesConcurrently_PublishedOnceAndTheOtherCopiesWaitAndAreDuplicates()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var id = SampleEvents.NewId();
        var json = SampleEvents.DataChange(id, "wf-race");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => (await harness.IngestAsync(json)).Outcome));

        Assert.Single(attempts, a => a == IngestOutcome.Processed);
        Assert.Equal(2, attempts.Count(a => a == IngestOutcome.Duplicate)); // waited for the holder, not failed
        Assert.Equal(IngestOutcome.Duplicate, (await harness.IngestOnAnotherInstanceAsync(json)).Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
    }

    [Fact]
    public async Task Ingest_EventWithoutTime_LaterCopiesAreDuplicatesAtTheFirstCopysPlaceInHistory()
    {
        // Without "time" each copy would key history by its own arrival: the place recorded by the first claim counts.
        await using var harness = await IngestHarness.StartAsync(azurite);
        var id = SampleEvents.NewId();
        var json = SampleEvents.DataChange(id, "wf-timeless").Replace("\"time\":", "\"untimed\":", StringComparison.Ordinal);
        Assert.DoesNotContain("\"time\"", json, StringComparison.Ordinal);

        var first = await harness.IngestAsync(json);
        var second = await harness.IngestOnAnotherInstanceAsync(json);

        Assert.Equal(IngestOutcome.Processed, first.Outcome);
        Assert.Equal(IngestOutcome.Duplicate, second.Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
        var page = await harness.Service<ChangeStore>().QueryAsync(new ChangeQuery { WorkflowId = "wf-timeless" }, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        Assert.Single(page.Items, i => i.Id == id);
    }

    [Fact]
    public async Task Ingest_NewEvent_WritesItsClaimAndTwoHistoryRowsButNoDeliveryRow()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var id = SampleEvents.NewId();
        var time = DateTimeOffset.UtcNow;

        await harness.IngestAsync(SampleEvents.DataChange(id, "wf-rows", time));

        var tables = new TableServiceClient(harness.StorageConnectionString);
        var at = await harness.Service<DedupeStore>().FindHistoryAsync(id, CancellationToken.None);
        Assert.NotNull(at);
        Assert.Equal(time.UtcDateTime.ToString("yyyyMMddHHmmssfff"), at.Time.UtcDateTime.ToString("yyyyMMddHHmmssfff"));
        var changes = tables.GetTableClient(TableNames.Changes);
        Assert.True((await changes.GetEntityIfExistsAsync<TableEntity>(at.Partition, at.Row)).HasValue);
        Assert.True((await changes.GetEntityIfExistsAsync<TableEntity>(at.Partition, at.TimeRow)).HasValue);
        var deliveryRows = tables.GetTableClient(TableNames.Deliveries).QueryAsync<TableEntity>(e => e.RowKey.CompareTo(id) >= 0 && e.RowKey.CompareTo(id + "~") < 0);
        Assert.Empty(await deliveryRows.ToListAsync());
    }

    [Fact]
    public async Task Ingest_ClaimAbandonedBeforeTheChangeWasStored_IsTakenOverPublishedAndStored()
    {
        // Another instance claimed the event an hour ago and died before storing it (its lease ran out long since).
        await using var harness = await IngestHarness.StartAsync(azurite);
        var id = SampleEvents.NewId();
        var time = DateTimeOffset.UtcNow;
        var dead = ActivatorUtilities.CreateInstance<DedupeStore>(harness.Host.Services, new ShiftedTimeProvider(TimeSpan.FromHours(-1)));
        var location = new ChangeLocation("wf-crash", time, id);
        Assert.Equal(DedupeOutcome.Claimed, (await dead.ClaimAsync(id, location, timeFromEvent: true, CancellationToken.None)).Outcome);
        Assert.Equal(DedupeOutcome.InProgressElsewhere, (await dead.ClaimAsync(id, location, timeFromEvent: true, CancellationToken.None)).Outcome);

        var taken = await harness.IngestAsync(SampleEvents.DataChange(id, "wf-crash", time));
        var again = await harness.IngestOnAnotherInstanceAsync(SampleEvents.DataChange(id, "wf-crash", time));

        Assert.Equal(IngestOutcome.Processed, taken.Outcome);
        Assert.Equal(DeliveryState.Published, taken.Deliveries[IngestHarness.Changes]);
        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
        Assert.True(await harness.Service<ChangeStore>().ExistsAsync(location, CancellationToken.None));
    }

    [Fact]
    public async Task Ingest_RepeatOnTheSameInstance_AnsweredFromMemoryWithoutStorage()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var id = SampleEvents.NewId();
        var json = SampleEvents.DataChange(id, "wf-memory");
        await harness.IngestAsync(json);

        // Take the id's durable traces away: only this instance's memory can still know it.
        var tables = new TableServiceClient(harness.StorageConnectionString);
        var at = (await harness.Service<DedupeStore>().FindHistoryAsync(id, CancellationToken.None))!;
        Assert.NotNull(await harness.Service<ChangeStore>().GetAsync(at.Partition, at.Row, CancellationToken.None));
        await tables.GetTableClient(TableNames.Changes).DeleteEntityAsync(at.Partition, at.Row);
        await tables.GetTableClient(TableNames.Changes).DeleteEntityAsync(at.Partition, at.TimeRow);
        var dedupeRows = tables.GetTableClient(TableNames.Dedupe).QueryAsync<TableEntity>(e => e.RowKey == id, select: ["PartitionKey", "RowKey"]);
        foreach (var row in await dedupeRows.ToListAsync())
        {
            await tables.GetTableClient(TableNames.Dedupe).DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        Assert.Null(await harness.Service<DedupeStore>().FindHistoryAsync(id, CancellationToken.None));
        Assert.Equal(IngestOutcome.Duplicate, (await harness.IngestAsync(json)).Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
        Assert.Equal(IngestOutcome.Processed, (await harness.IngestOnAnotherInstanceAsync(json)).Outcome);
    }

    [Fact]
    public async Task Ingest_BurstOfRepeatsOnAnotherInstance_HistoryAskedFirstAndStillExactlyOnce()
    {
        // A listener replaying after a restart, to an instance that did not process the originals.
        await using var harness = await IngestHarness.StartAsync(azurite);
        var events = Enumerable.Range(0, 40).Select(_ => SampleEvents.DataChange(SampleEvents.NewId(), "wf-burst")).ToList();
        foreach (var json in events)
        {
            Assert.Equal(IngestOutcome.Processed, (await harness.IngestAsync(json)).Outcome);
        }

        foreach (var json in events)
        {
            Assert.Equal(IngestOutcome.Duplicate, (await harness.IngestOnAnotherInstanceAsync(json)).Outcome);
        }

        Assert.True(harness.Service<DedupeStore>().Repeats.InBurst);
        var fresh = SampleEvents.NewId();
        Assert.Equal(IngestOutcome.Processed, (await harness.IngestOnAnotherInstanceAsync(SampleEvents.DataChange(fresh, "wf-burst"))).Outcome);
        Assert.Equal(IngestOutcome.Duplicate, (await harness.IngestOnAnotherInstanceAsync(SampleEvents.DataChange(fresh, "wf-burst"))).Outcome);
        Assert.All(harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes).Values, count => Assert.Equal(1, count));
        Assert.Equal(41, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes).Count);
    }

    [Fact]
    public async Task Ingest_LargeInlineSnapshot_StoredInBlobAndInlinedAtTheDestination()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var id = SampleEvents.NewId();

        await harness.IngestAsync(SampleEvents.DataChange(id, "wf-snap", snapshotRows: SampleEvents.Rows(200_000)));

        var stored = (await harness.Service<ChangeStore>().QueryAsync(new ChangeQuery { WorkflowId = "wf-snap" }, DateTimeOffset.UtcNow, CancellationToken.None)).Items.Single(i => i.Id == id);
        using var storedEvent = JsonDocument.Parse(stored.Event);
        var reference = storedEvent.RootElement.GetProperty("data").GetProperty("snapshotRef");
        Assert.False(storedEvent.RootElement.GetProperty("data").TryGetProperty("snapshot", out _));
        Assert.True(reference.GetProperty("size").GetInt64() > 190_000);
        Assert.True(stored.Event.Length < 8_000);

        var delivered = harness.EventGrid.GetAccepted(IngestHarness.Changes).Single(a => a.Id == id);
        Assert.True(delivered.CloudEvent.GetProperty("data").GetProperty("snapshot").GetArrayLength() > 1_000);
        Assert.False(delivered.CloudEvent.GetProperty("data").TryGetProperty("snapshotRef", out _));
    }

    [Fact]
    public async Task Ingest_NoDestinationConfigured_AppComposesAndEventsAreStoredButDropped()
    {
        await using var host = new FunctionsTestHost(new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "unused-in-ingest",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
        });
        await host.Services.GetRequiredService<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);
        var id = SampleEvents.NewId();

        var result = await host.Services.GetRequiredService<IngestService>().IngestAsync(Encoding.UTF8.GetBytes(SampleEvents.DataChange(id, "wf-nodest")), CancellationToken.None);

        Assert.Equal(IngestOutcome.Processed, result.Outcome);
        Assert.Equal(RouteOutcome.Dropped, result.Route);
        Assert.Empty(result.Deliveries);
        var stored = await host.Services.GetRequiredService<ChangeStore>().QueryAsync(new ChangeQuery { WorkflowId = "wf-nodest" }, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Contains(stored.Items, c => c.Id == id);
    }

    [Fact]
    public async Task Ingest_StoredRuleNamingARemovedDestination_IsSkippedAndTheOthersStillRoute()
    {
        await using var harness = await IngestHarness.StartAsync(azurite, rules:
        [
            new RouteRule { Name = "stale", Order = 0, Destinations = ["removed-topic"] },
            new RouteRule { Name = "pricing", Order = 1, Destinations = [IngestHarness.Pricing] },
        ]);
        var id = SampleEvents.NewId();

        var result = await harness.IngestAsync(SampleEvents.DataChange(id, "wf-stale"));

        Assert.Equal(IngestOutcome.Processed, result.Outcome);
        Assert.Equal(DeliveryState.Published, result.Deliveries[IngestHarness.Pricing]);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing)[id]);
    }

    [Fact]
    public async Task Ingest_InvalidMessage_IsQuarantinedNotRetried()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var marker = Guid.NewGuid().ToString("N");

        var notJson = await harness.IngestAsync("{ broken " + marker);
        var noId = await harness.IngestAsync($$"""{"specversion":"1.0","type":"t","source":"s","note":"{{marker}}"}""");

        Assert.Equal(IngestOutcome.Quarantined, notJson.Outcome);
        Assert.Equal(IngestOutcome.Quarantined, noId.Outcome);
        Assert.Contains("'id'", noId.Reason, StringComparison.Ordinal);
        var rows = new TableClient(harness.StorageConnectionString, TableNames.Quarantine).QueryAsync<TableEntity>();
        var mine = await rows.Where(r => r.GetString("Frame")?.Contains(marker, StringComparison.Ordinal) == true).ToListAsync();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, r => Assert.StartsWith("ingest:", r.GetString("Reason"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_Base64Message_IsDecoded()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var id = SampleEvents.NewId();

        var result = await harness.IngestAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(SampleEvents.DataChange(id, "wf-b64"))));

        Assert.Equal(IngestOutcome.Processed, result.Outcome);
        Assert.True(harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes).ContainsKey(id));
    }

    [Fact]
    public async Task IngestFunction_StorageFailingEveryAttempt_RecordsTheReasonAndMarksPoisonOnTheLastAttempt()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var function = harness.Host.Create<IngestFunction>();
        var messageId = "msg-" + Guid.NewGuid().ToString("N");
        var failures = harness.Service<IngestFailureStore>();
        var broken = QueuesModelFactory.QueueMessage(messageId, "pop", BinaryData.FromString("""{"specversion":"1.0","id":"x","type":"t","source":"s"}"""), IngestFunction.MaxDequeueCount);

        // Drop the Changes table so storing fails (a storage outage as ingest sees it), then restore it.
        var changes = new TableClient(harness.StorageConnectionString, TableNames.Changes);
        await changes.DeleteAsync();
        try
        {
            await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => function.RunAsync(broken, CancellationToken.None));
        }
        finally
        {
            await AzuriteTables.RecreateAsync(changes, Timeout);
        }

        var recorded = (await failures.ListAsync(1_000, CancellationToken.None)).Single(f => f.MessageId == messageId);
        Assert.True(recorded.Poisoned);
        Assert.Matches("(RequestFailed|TableTransactionFailed)Exception", recorded.Reason); // the storage error, by type
        var retried = await harness.IngestAsync("""{"specversion":"1.0","id":"x","type":"t","source":"s"}""");
        Assert.Equal(IngestOutcome.Processed, retried.Outcome); // the claim was released: a retry is not blocked by the lease
    }

    [Fact]
    public async Task Deliver_OneDestinationFailing_OtherStillPublishedThenRedriveRecovers()
    {
        await using var harness = await IngestHarness.StartAsync(azurite, rules: [new RouteRule { Name = "both", Destinations = [IngestHarness.Changes, IngestHarness.Pricing] }]);
        harness.EventGrid.InjectFault(IngestHarness.Pricing, new FaultSpec(503, Duration: TimeSpan.FromMinutes(5)));
        var id = SampleEvents.NewId();

        var result = await harness.IngestAsync(SampleEvents.DataChange(id, "wf-fail"));

        Assert.Equal(DeliveryState.Published, result.Deliveries[IngestHarness.Changes]);
        Assert.Equal(DeliveryState.Failed, result.Deliveries[IngestHarness.Pricing]);
        var store = harness.Service<DeliveryStore>();
        Assert.Equal(DeliveryState.Failed, await store.GetStateAsync(id, IngestHarness.Pricing, CancellationToken.None));
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);

        harness.EventGrid.ClearFaults(IngestHarness.Pricing);
        var redrive = harness.Service<Redrive>();
        await Wait.UntilAsync(async () =>
        {
            await redrive.RunOnceAsync(CancellationToken.None);
            return harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing).ContainsKey(id);
        }, Timeout, "redrive republishes to the recovered topic");

        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing)[id]);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
        Assert.Equal(DeliveryState.Published, await store.GetStateAsync(id, IngestHarness.Pricing, CancellationToken.None));
        Assert.DoesNotContain(await store.ListAsync(DeliveryStore.FailedPartition(IngestHarness.Pricing), IngestHarness.Pricing, 10_000, CancellationToken.None), d => d.Id == id);
    }

    [Fact]
    public async Task Redrive_FailingEveryAttempt_DeadLettersKeepingTheLastError()
    {
        await using var harness = await IngestHarness.StartAsync(azurite, new Dictionary<string, string?> { ["Routing:DefaultDestination"] = IngestHarness.Pricing });
        harness.EventGrid.InjectFault(IngestHarness.Pricing, new FaultSpec(503, Duration: TimeSpan.FromMinutes(5)));
        var id = SampleEvents.NewId();
        await harness.IngestAsync(SampleEvents.DataChange(id, "wf-dead"));
        var store = harness.Service<DeliveryStore>();
        var redrive = harness.Service<Redrive>();

        await Wait.UntilAsync(async () =>
        {
            await redrive.RunOnceAsync(CancellationToken.None);
            return await store.GetStateAsync(id, IngestHarness.Pricing, CancellationToken.None) == DeliveryState.DeadLettered;
        }, Timeout, "the delivery is dead-lettered after 3 attempts");

        var dead = (await store.ListAsync(DeliveryStore.DeadPartition(IngestHarness.Pricing), IngestHarness.Pricing, 10_000, CancellationToken.None)).Single(d => d.Id == id);
        Assert.Equal(3, dead.Attempts);
        Assert.Contains("503", dead.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(await store.DueAsync(IngestHarness.Pricing, DateTimeOffset.UtcNow.AddDays(1), 10_000, CancellationToken.None), d => d.Id == id);
        Assert.False(harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing).ContainsKey(id));
    }

    private sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
