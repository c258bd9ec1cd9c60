using System.Diagnostics.Metrics;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using KadoaBridge.Core;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>Issue #11, path 2: the dedupe lease lasts as long as its holder works, and only its holder clears it.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class DedupeLeaseTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ingest_HolderSlowerThanTheLease_SecondCopyWaitsAndCompletesAsARepeat()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var services = harness.Host.Services;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // the lease's clock, shared by both instances
        var id = SampleEvents.NewId();
        var json = Encoding.UTF8.GetBytes(SampleEvents.DataChange(id, "wf-slow"));
        var doneA = new RecentIds(IngestService.RecentlyDoneCapacity);
        var doneB = new RecentIds(IngestService.RecentlyDoneCapacity);
        var holder = ActivatorUtilities.CreateInstance<IngestService>(services, ActivatorUtilities.CreateInstance<DedupeStore>(services, (TimeProvider)clock), doneA);
        var copy = ActivatorUtilities.CreateInstance<IngestService>(services, ActivatorUtilities.CreateInstance<DedupeStore>(services, (TimeProvider)clock), doneB);
        harness.EventGrid.InjectFault(IngestHarness.Changes, new FaultSpec(200, count: 1, delay: TimeSpan.FromSeconds(8))); // the holder's publish is slow

        var holding = holder.IngestAsync(json, CancellationToken.None);
        await Wait.UntilAsync(async () => await LeaseUntilAsync(harness, id) is not null, Timeout, "the holder claimed the event");

        // Three lease lengths pass on the lease's clock while the holder is still publishing: its lease never lapses.
        for (var second = 0; second < 90; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Wait.UntilAsync(async () => await LeaseUntilAsync(harness, id) > clock.GetUtcNow(), TimeSpan.FromSeconds(5), $"the holder's lease still holds {second + 1} s after the claim");
        }

        Assert.False(holding.IsCompleted, "the holder finished before the test could check its lease");
        var repeat = await copy.IngestAsync(json, CancellationToken.None);
        var first = await holding;

        Assert.Equal(IngestOutcome.Processed, first.Outcome);
        Assert.Equal(IngestOutcome.Duplicate, repeat.Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
    }

    [Fact]
    public async Task Release_ByAHolderWhoseClaimWasTakenOver_LeavesTheNewHoldersClaim()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var services = harness.Host.Services;
        var id = SampleEvents.NewId();
        var location = new ChangeLocation("wf-release", DateTimeOffset.UtcNow, id);
        var stale = ActivatorUtilities.CreateInstance<DedupeStore>(services, new ShiftedTimeProvider(TimeSpan.FromHours(-1))); // its lease ran out long ago
        var current = harness.Service<DedupeStore>();
        var staleClaim = await stale.ClaimAsync(id, location, timeFromEvent: true, CancellationToken.None);
        var taken = await current.ClaimAsync(id, location, timeFromEvent: true, CancellationToken.None);
        Assert.Equal(DedupeOutcome.Claimed, staleClaim.Outcome);
        Assert.Equal(DedupeOutcome.Claimed, taken.Outcome);
        Assert.True(taken.Resumed);

        await stale.ReleaseAsync(id, staleClaim, [], CancellationToken.None); // the slow holder gives up late

        var third = await ActivatorUtilities.CreateInstance<DedupeStore>(services).ClaimAsync(id, location, timeFromEvent: true, CancellationToken.None);
        Assert.Equal(DedupeOutcome.InProgressElsewhere, third.Outcome);
    }

    [Fact]
    public async Task IngestFunction_CopyWhileAnotherInstanceHoldsTheEvent_IsHandedBackWithoutAFailure()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var services = harness.Host.Services;
        using var failures = new MetricCollector<long>(harness.Service<IMeterFactory>(), IngestMetrics.MeterName, "kadoa.ingest.failures");
        var id = SampleEvents.NewId();
        var json = SampleEvents.DataChange(id, "wf-held");
        var holder = ActivatorUtilities.CreateInstance<DedupeStore>(services, new ShiftedTimeProvider(TimeSpan.FromHours(1))); // holds it past the test
        Assert.Equal(DedupeOutcome.Claimed, (await holder.ClaimAsync(id, new ChangeLocation("wf-held", DateTimeOffset.UtcNow, id), timeFromEvent: false, CancellationToken.None)).Outcome);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // the waiting instance's clock
        var done = new RecentIds(IngestService.RecentlyDoneCapacity);
        var ingest = ActivatorUtilities.CreateInstance<IngestService>(services, done, (TimeProvider)clock);
        var function = ActivatorUtilities.CreateInstance<IngestFunction>(services, ingest);
        var ingress = new QueueClient(harness.StorageConnectionString, QueueNames.Ingress, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var queuedBefore = (await ingress.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var messageId = "msg-" + Guid.NewGuid().ToString("N");
        var message = QueuesModelFactory.QueueMessage(messageId, "pop", BinaryData.FromString(json), 1);

        var run = function.RunAsync(message, CancellationToken.None);
        await Wait.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(run.IsCompleted);
        }, Timeout, "the copy stops waiting for the holder");
        await run; // completes: the queue does not count an attempt

        Assert.DoesNotContain(await harness.Service<IngestFailureStore>().ListAsync(1_000, CancellationToken.None), f => f.MessageId == messageId);
        Assert.Equal(0, failures.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.True((await ingress.GetPropertiesAsync()).Value.ApproximateMessagesCount > queuedBefore, "the message is back on the ingress queue");
        Assert.False(harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes).ContainsKey(id));
    }

    private static async Task<DateTimeOffset?> LeaseUntilAsync(IngestHarness harness, string id)
    {
        var rows = new TableClient(harness.StorageConnectionString, TableNames.Dedupe).QueryAsync<TableEntity>(e => e.RowKey == id, select: ["LeaseUntil"]);
        var row = await rows.FirstOrDefaultAsync();
        return row?.GetDateTimeOffset("LeaseUntil");
    }

    private sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
