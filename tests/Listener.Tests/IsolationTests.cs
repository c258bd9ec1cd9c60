using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.KadoaSimulator;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit.Abstractions;

namespace KadoaBridge.Listener.Tests;

/// <summary>
/// One item that can never be stored or published is isolated (quarantined with the reason, acknowledged) and the
/// stream goes on; a topic that refuses everything is retried and shown, never taken for bad events.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class IsolationTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Checkpoint_CursorOverTheTablePropertyLimit_IsForwardedAndNeverBlocksLaterCheckpoints()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var first = await bridge.Kadoa.EmitDataChangeAsync("wf-cursor");
        await bridge.Kadoa.WaitForAcksAsync([first.DeliveryId], Timeout);
        var store = bridge.Service<CheckpointStore>();
        await Wait.UntilAsync(async () => (await store.ReadAsync(bridge.TeamId, CancellationToken.None))?.Cursor == first.Cursor, Timeout, "the first checkpoint is stored");

        // 40,000 characters are 80,000 bytes as UTF-16: more than the 64 KiB a table property holds.
        var suffix = Guid.NewGuid().ToString("N");
        var payload = first.Payload!.DeepClone().AsObject();
        payload["id"] = "chg-long-" + suffix;
        var frame = new JsonObject
        {
            ["type"] = "workflow_data_change",
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["id"] = "dlv-long-" + suffix,
            ["_cursor"] = new string('c', 40_000),
            ["data"] = payload,
        };
        await bridge.Kadoa.SendRawAsync(frame.ToJsonString());
        await bridge.Kadoa.WaitForAcksAsync(["dlv-long-" + suffix], Timeout);

        Assert.True(bridge.IngressIdCounts.ContainsKey("chg-long-" + suffix), "the event itself is forwarded");
        var stored = await store.ReadAsync(bridge.TeamId, CancellationToken.None);
        Assert.True(stored!.Cursor.Length <= 32_768, $"the stored checkpoint holds a cursor of {stored.Cursor.Length} characters");

        var later = new List<SimulatedEvent>();
        for (var i = 0; i < 3; i++)
        {
            later.Add(await bridge.Kadoa.EmitDataChangeAsync("wf-cursor"));
        }

        await bridge.Kadoa.WaitForAcksAsync(later.Select(e => e.DeliveryId), Timeout);
        await Wait.UntilAsync(async () => (await store.ReadAsync(bridge.TeamId, CancellationToken.None))?.Cursor == later[^1].Cursor, Timeout, "later checkpoints are stored");
        Delivery.AssertExactlyOnce([first.ChangeId!, "chg-long-" + suffix, .. later.Select(e => e.ChangeId!)], bridge.IngressIdCounts, output, "over-long cursor");
    }

    [Fact]
    public async Task ClaimCheck_BlobThatCannotBeWritten_QuarantinesThatEventAndTheStreamGoesOn()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var big = await bridge.Kadoa.EmitDataChangeOfSizeAsync("wf-cc", 100 * 1024);
        await bridge.Kadoa.WaitForAcksAsync([big.DeliveryId], Timeout);
        var accepted = bridge.EventGrid.GetAccepted(BridgeHarness.Topic).Single(e => e.Id == big.ChangeId);
        var url = new Uri(accepted.CloudEvent.GetProperty("data").GetProperty("snapshotRef").GetProperty("url").GetString()!);

        // Someone holds an infinite lease on the change's claim-check blob: writing it answers 412 however often it is tried.
        var blob = new BlobContainerClient(bridge.StorageConnectionString, ContainerNames.Payloads).GetBlobClient(new BlobUriBuilder(url).BlobName);
        await blob.GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        var again = await bridge.Kadoa.EmitAsync("workflow_data_change", big.Payload!.DeepClone());
        var after = await bridge.Kadoa.EmitDataChangeAsync("wf-cc");

        await bridge.Kadoa.WaitForAcksAsync([again.DeliveryId, after.DeliveryId], Timeout);
        Assert.True(bridge.IngressIdCounts.ContainsKey(after.ChangeId!), "the event behind it is forwarded");
        var row = await QuarantineRowAsync(bridge, again.DeliveryId);
        output.WriteLine(row.GetString("Reason"));
        Assert.Contains("claim-check", row.GetString("Reason"), StringComparison.Ordinal);
        Assert.Contains("412", row.GetString("Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TopicRefusesEveryBatchWith400_NothingQuarantinedOrAcknowledgedStatusShowsItThenCatchesUp()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var emitted = new List<SimulatedEvent> { await bridge.Kadoa.EmitDataChangeAsync("wf-sys") };
        await bridge.Kadoa.WaitForAcksAsync([emitted[0].DeliveryId], Timeout);
        var metrics = bridge.Service<ListenerMetrics>();
        var meters = bridge.Service<System.Diagnostics.Metrics.IMeterFactory>();

        // A misconfigured topic (e.g. a schema mismatch) answers 400 to every request, whatever it holds.
        bridge.EventGrid.InjectFault(BridgeHarness.Topic, new FaultSpec(400));
        var requests = bridge.EventGrid.TotalRequests;
        var during = new List<SimulatedEvent>();
        for (var i = 0; i < 10; i++)
        {
            during.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 3}"));
        }

        await Wait.UntilAsync(() => bridge.EventGrid.TotalRequests >= requests + 11, Timeout, "the listener tried each event at least once");
        Assert.Equal(0, metrics.Quarantined);
        Assert.DoesNotContain(during, e => bridge.Kadoa.AckCounts.ContainsKey(e.DeliveryId));
        await Wait.UntilAsync(async () => (await StatusRowAsync(bridge))?.GetString("IngressRejection") is not null, Timeout, "the status row shows the rejection");
        Assert.Equal(1, Observe<int>(meters, "kadoa.listener.publish.rejecting"));
        Assert.True(Observe<long>(meters, "kadoa.listener.publish.rejected") >= 1);
        using var http = new HttpClient { BaseAddress = bridge.ListenerUrl };
        using (var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        bridge.EventGrid.ClearFaults(BridgeHarness.Topic);
        emitted.AddRange(during);
        await bridge.Kadoa.WaitForAcksAsync(during.Select(e => e.DeliveryId), Timeout);
        Delivery.AssertExactlyOnce(emitted.Select(Delivery.ExpectedId), bridge.IngressIdCounts, output, "systemic 400");
        Assert.Equal(0, metrics.Quarantined);
        Assert.Equal(0, Observe<int>(meters, "kadoa.listener.publish.rejecting"));
        await Wait.UntilAsync(async () => (await StatusRowAsync(bridge))?.GetString("IngressRejection") is null, Timeout, "the status row clears");
    }

    [Fact]
    public async Task Publish_OneInvalidEventInABatch_OnlyThatEventIsQuarantined()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var pipeline = bridge.Service<ForwardingPipeline>();
        var suffix = Guid.NewGuid().ToString("N")[..8];

        // The first request is held for a second, so the next three items wait together and go out as one batch.
        bridge.EventGrid.InjectFault(BridgeHarness.Topic, new FaultSpec(200, Count: 1, Delay: TimeSpan.FromSeconds(1)));
        var requests = bridge.EventGrid.TotalRequests;
        Enqueue(pipeline, "held-" + suffix, valid: true);
        await Wait.UntilAsync(() => bridge.EventGrid.TotalRequests > requests, Timeout, "the first request is in flight");
        Enqueue(pipeline, "good1-" + suffix, valid: true);
        Enqueue(pipeline, "bad-" + suffix, valid: false);
        Enqueue(pipeline, "good2-" + suffix, valid: true);

        await bridge.Kadoa.WaitForAcksAsync(["dlv-held-" + suffix, "dlv-good1-" + suffix, "dlv-bad-" + suffix, "dlv-good2-" + suffix], Timeout);
        Delivery.AssertExactlyOnce(["held-" + suffix, "good1-" + suffix, "good2-" + suffix], bridge.IngressIdCounts, output, "one invalid event");
        var row = await QuarantineRowAsync(bridge, "dlv-bad-" + suffix);
        Assert.Contains("specversion", row.GetString("Reason"), StringComparison.Ordinal);
        Assert.Equal(1, bridge.Service<ListenerMetrics>().Quarantined);
    }

    [Fact]
    public async Task Publish_InvalidEventAloneAfterAcceptedOnes_IsQuarantinedAndTheStreamGoesOn()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var before = await bridge.Kadoa.EmitDataChangeAsync("wf-alone");
        await bridge.Kadoa.WaitForAcksAsync([before.DeliveryId], Timeout);
        var suffix = Guid.NewGuid().ToString("N")[..8];

        Enqueue(bridge.Service<ForwardingPipeline>(), "bad-" + suffix, valid: false);
        await bridge.Kadoa.WaitForAcksAsync(["dlv-bad-" + suffix], Timeout);
        var after = await bridge.Kadoa.EmitDataChangeAsync("wf-alone");
        await bridge.Kadoa.WaitForAcksAsync([after.DeliveryId], Timeout);

        // Telling a bad event from a refusing topic may republish the last accepted event once (same id: ingest dedupes).
        Delivery.AssertNoLoss([before.ChangeId!, after.ChangeId!], bridge.IngressIdCounts, output, "one invalid event alone");
        Assert.Contains("specversion", (await QuarantineRowAsync(bridge, "dlv-bad-" + suffix)).GetString("Reason"), StringComparison.Ordinal);
    }

    /// <summary>Hands the pipeline an event as the intake would; an invalid one lacks <c>specversion</c>, which Event Grid refuses.</summary>
    private static void Enqueue(ForwardingPipeline pipeline, string id, bool valid)
    {
        var json = "{" + (valid ? "\"specversion\":\"1.0\"," : "") + "\"id\":\"" + id +
            "\",\"source\":\"https://www.kadoa.com/test\",\"type\":\"Kadoa.Test\",\"time\":\"2026-01-01T00:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{}}";
        var item = ForwardItem.ForEvent(new MappedEvent(id, "Kadoa.Test", Encoding.UTF8.GetBytes(json), null), "dlv-" + id, null, DateTimeOffset.UtcNow);
        Assert.True(pipeline.TryEnqueue(item));
    }

    private static async Task<TableEntity> QuarantineRowAsync(BridgeHarness bridge, string deliveryId)
    {
        var table = new TableClient(bridge.StorageConnectionString, TableNames.Quarantine);
        TableEntity? row = null;
        await Wait.UntilAsync(async () =>
        {
            row = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"DeliveryId eq {deliveryId}")).FirstOrDefaultAsync();
            return row is not null;
        }, Timeout, $"a quarantine row for delivery {deliveryId}");
        return row!;
    }

    private static async Task<TableEntity?> StatusRowAsync(BridgeHarness bridge)
    {
        var table = new TableClient(bridge.StorageConnectionString, TableNames.Status);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ListenerStatusStore.Partition, TableKeys.Escape(Environment.MachineName));
        return row.HasValue ? row.Value : null;
    }

    private static T Observe<T>(System.Diagnostics.Metrics.IMeterFactory meters, string instrument)
        where T : struct
    {
        using var collector = new MetricCollector<T>(meters, ListenerMetrics.MeterName, instrument);
        collector.RecordObservableInstruments();
        return Assert.Single(collector.GetMeasurementSnapshot()).Value;
    }
}
