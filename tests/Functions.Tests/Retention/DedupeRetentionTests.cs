using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.Functions.Tests.Ingest;
using KadoaBridge.Functions.Tests.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KadoaBridge.Functions.Tests.Retention;

/// <summary>
/// The retention timer on table <c>Dedupe</c>, against Azurite: rows past <c>Retention__DedupeDays</c> (default 30) go,
/// history stays, and a row that is live, or the only record of something, is kept. The fake clock runs a month ahead
/// of Azurite's (which stamps <c>Timestamp</c>), so rows other tests of the collection left are past retention too:
/// the tests look at their own rows only.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class DedupeRetentionTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan PastRetention = TimeSpan.FromDays(31);

    [Fact]
    public async Task RunAsync_DedupeRowsPastRetention_RemovedWhileHistoryAndFreshRowsStay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await StartAsync(clock);
        using var deleted = new MetricCollector<long>(harness.Service<IMeterFactory>(), IngestMetrics.MeterName, "kadoa.retention.deleted");
        var old = Enumerable.Range(0, 3).Select(_ => SampleEvents.NewId()).ToDictionary(id => id, id => SampleEvents.DataChange(id, "wf-old", clock.GetUtcNow()));
        foreach (var json in old.Values)
        {
            Assert.Equal(IngestOutcome.Processed, (await harness.IngestAsync(json)).Outcome);
        }

        clock.Advance(PastRetention);
        var fresh = SampleEvents.NewId();
        Assert.Equal(IngestOutcome.Processed, (await harness.IngestAsync(SampleEvents.DataChange(fresh, "wf-fresh", clock.GetUtcNow()))).Outcome);

        await harness.Host.Create<RetentionFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        var remaining = await DedupeRowKeysAsync(harness);
        Assert.All(old.Keys, id => Assert.DoesNotContain(id, remaining));
        Assert.Contains(fresh, remaining);
        foreach (var id in old.Keys)
        {
            Assert.Equal(2, await HistoryRowsAsync(harness, id)); // the workflow row and the time index row: history is kept
        }

        Assert.True(deleted.GetMeasurementSnapshot().Where(m => Equals(m.Tags["table"], TableNames.Dedupe)).Sum(m => m.Value) >= old.Count);

        // Kadoa replays one of them now: history, not the removed row, makes it a repeat.
        var (repeatId, repeatJson) = old.First();
        Assert.Equal(IngestOutcome.Duplicate, (await harness.IngestOnAnotherInstanceAsync(repeatJson)).Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[repeatId]);
    }

    [Fact]
    public async Task RunAsync_LeaseTakenOverLongAfterTheFirstClaim_RowKept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await StartAsync(clock);
        var dedupe = harness.Service<DedupeStore>();
        var id = SampleEvents.NewId();
        var location = new ChangeLocation("wf-taken", clock.GetUtcNow(), id);
        var failed = await dedupe.ClaimAsync(id, location, timeFromEvent: true, CancellationToken.None);
        await dedupe.ReleaseAsync(id, failed, [], CancellationToken.None); // the attempt failed and gave up its claim
        var control = await ClaimAndReleaseAsync(dedupe, clock, "wf-control"); // the same, but nobody comes back for it
        clock.Advance(PastRetention);

        // A month later its poison copy is sent back: an instance takes the claim over and works on it right now.
        var working = await dedupe.ClaimAsync(id, location, timeFromEvent: true, CancellationToken.None);
        Assert.Equal(DedupeOutcome.Claimed, working.Outcome);
        Assert.True(working.Resumed);

        await harness.Host.Create<RetentionFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Null(await DedupeRowAsync(harness, control)); // retention did run
        var row = await DedupeRowAsync(harness, id);
        Assert.NotNull(row);
        Assert.True(row.GetDateTimeOffset("LeaseUntil") > clock.GetUtcNow(), "the live lease is untouched");
    }

    [Fact]
    public async Task RunAsync_RowsThatAloneKnowSomething_KeptAndAnUndatedRepeatStillCaught()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await StartAsync(clock);
        var undated = SampleEvents.NewId();
        var undatedJson = TimeField().Replace(SampleEvents.DataChange(undated, "wf-undated"), "");
        Assert.Equal(IngestOutcome.Processed, (await harness.IngestAsync(undatedJson)).Outcome);
        var halfPublished = SampleEvents.NewId();
        var dedupe = harness.Service<DedupeStore>();
        var claim = await dedupe.ClaimAsync(halfPublished, new ChangeLocation("wf-half", clock.GetUtcNow(), halfPublished), timeFromEvent: true, CancellationToken.None);
        await dedupe.ReleaseAsync(halfPublished, claim, [IngestHarness.Changes], CancellationToken.None); // published, then failed before storing
        var control = await ClaimAndReleaseAsync(dedupe, clock, "wf-control"); // failed before publishing anything
        clock.Advance(PastRetention);

        await harness.Host.Create<RetentionFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        var remaining = await DedupeRowKeysAsync(harness);
        Assert.DoesNotContain(control, remaining); // retention did run
        Assert.Contains(undated, remaining);       // its change is stored under its first claim's time, which only the row knows
        Assert.Contains(halfPublished, remaining); // it says which destination a recovery skips
        Assert.Equal(IngestOutcome.Duplicate, (await harness.IngestOnAnotherInstanceAsync(undatedJson)).Outcome);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[undated]);
    }

    [Fact]
    public async Task RunAsync_HundredsOfRowsPerPartition_DeletedInTransactionsAzureAccepts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sent = new ConcurrentBag<SentBatch>();
        var options = new TableClientOptions();
        options.AddPolicy(new CaptureBatches(sent), HttpPipelinePosition.PerCall);
        await using var harness = await StartAsync(clock, services => services.AddSingleton(new TableServiceClient(azurite.ConnectionString, options)));
        var dedupe = harness.Service<DedupeStore>();
        var ids = Enumerable.Range(0, 600).Select(_ => SampleEvents.NewId()).ToList(); // about 150 in each of the 4 partitions
        await Task.WhenAll(ids.Select(id => dedupe.ClaimAsync(id, new ChangeLocation("wf-many", clock.GetUtcNow(), id), timeFromEvent: true, CancellationToken.None)));
        clock.Advance(PastRetention);
        sent.Clear();

        await harness.Host.Create<RetentionFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Empty((await DedupeRowKeysAsync(harness)).Intersect(ids));
        var deletes = sent.Where(batch => batch.Tables.Contains(TableNames.Dedupe)).ToList();
        Assert.All(deletes, batch =>
        {
            Assert.InRange(batch.Operations, 1, TableBatcher.MaxOperations);
            Assert.Single(batch.Partitions);
            Assert.Single(batch.Tables);
        });
        Assert.Contains(deletes, batch => batch.Operations == TableBatcher.MaxOperations);
        Assert.Equal(ids.Count, deletes.SelectMany(batch => batch.Rows).Intersect(ids).Count());
    }

    [Fact]
    public async Task RunAsync_RowRenewedWhileItsBatchIsOnTheWay_KeptAndTheOthersDeleted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ids = Enumerable.Range(0, 5).Select(_ => SampleEvents.NewId()).ToList();
        var renewed = ids[2];
        var plain = new TableClient(azurite.ConnectionString, TableNames.Dedupe);
        var options = new TableClientOptions();
        options.AddPolicy(
            new BeforeBatchHolding($"RowKey='{renewed}'", async () =>
            {
                // Between retention's read and its delete, the holder renews its lease: the row's ETag changes.
                var row = (await DedupeRowAsync(plain, renewed))!;
                await plain.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["LeaseUntil"] = clock.GetUtcNow() + TimeSpan.FromSeconds(30) }, ETag.All, TableUpdateMode.Merge);
            }),
            HttpPipelinePosition.PerCall);
        await using var harness = await StartAsync(clock, services => services.AddSingleton(new TableServiceClient(azurite.ConnectionString, options)));
        var dedupe = harness.Service<DedupeStore>();
        foreach (var id in ids)
        {
            await dedupe.ClaimAsync(id, new ChangeLocation("wf-renewed", clock.GetUtcNow(), id), timeFromEvent: true, CancellationToken.None);
        }

        clock.Advance(PastRetention);

        await harness.Host.Create<RetentionFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal([renewed], (await DedupeRowKeysAsync(harness)).Intersect(ids));
    }

    /// <summary>A claim whose attempt failed and released it without publishing; its id.</summary>
    private static async Task<string> ClaimAndReleaseAsync(DedupeStore dedupe, TimeProvider clock, string workflowId)
    {
        var id = SampleEvents.NewId();
        var claim = await dedupe.ClaimAsync(id, new ChangeLocation(workflowId, clock.GetUtcNow(), id), timeFromEvent: true, CancellationToken.None);
        await dedupe.ReleaseAsync(id, claim, [], CancellationToken.None);
        return id;
    }

    private Task<IngestHarness> StartAsync(FakeTimeProvider clock, Action<IServiceCollection>? configure = null) =>
        IngestHarness.StartAsync(azurite, configure: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            configure?.Invoke(services);
        });

    private static async Task<HashSet<string>> DedupeRowKeysAsync(IngestHarness harness)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in new TableClient(harness.StorageConnectionString, TableNames.Dedupe).QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            keys.Add(TableKeys.Unescape(row.RowKey));
        }

        return keys;
    }

    private static Task<TableEntity?> DedupeRowAsync(IngestHarness harness, string id) =>
        DedupeRowAsync(new TableClient(harness.StorageConnectionString, TableNames.Dedupe), id);

    private static async Task<TableEntity?> DedupeRowAsync(TableClient table, string id)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {id}")))
        {
            return row;
        }

        return null;
    }

    private static async Task<int> HistoryRowsAsync(IngestHarness harness, string id)
    {
        var count = 0;
        await foreach (var _ in new TableClient(harness.StorageConnectionString, TableNames.Changes).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Id eq {id}"), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex("\"time\":\"[^\"]*\",")]
    private static partial Regex TimeField();

    /// <summary>Runs <paramref name="action"/> once, just before the first <c>$batch</c> request whose body holds <paramref name="marker"/>.</summary>
    private sealed class BeforeBatchHolding(string marker, Func<Task> action) : HttpPipelinePolicy
    {
        private int _done;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The bridge calls storage asynchronously only.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && message.Request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                await content.WriteToAsync(buffer, message.CancellationToken);
                if (System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Contains(marker, StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
                {
                    await action();
                }
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
