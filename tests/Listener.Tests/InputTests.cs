using Azure.Data.Tables;
using Azure.Storage.Blobs;
using KadoaBridge.Core.Storage;
using KadoaBridge.KadoaSimulator;
using Xunit.Abstractions;

namespace KadoaBridge.Listener.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class InputTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Malformed_FramesAmongEvents_AreQuarantinedWithReasonAndNeverStopTheStream()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var marker = Guid.NewGuid().ToString("N");
        var before = await bridge.Kadoa.EmitDataChangeAsync("wf-m");
        await bridge.Kadoa.SendRawAsync($"this is not json {marker}");
        await bridge.Kadoa.SendRawAsync($$"""{"timestamp":1,"note":"{{marker}} no type"}""");
        await bridge.Kadoa.SendRawAsync($$"""["{{marker}}"]""");
        var after = await bridge.Kadoa.EmitDataChangeAsync("wf-m");

        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 2, Timeout);
        Delivery.AssertExactlyOnce([before.ChangeId!, after.ChangeId!], bridge.IngressIdCounts, output, "malformed frames");

        var table = new TableClient(bridge.StorageConnectionString, TableNames.Quarantine);
        var rows = new List<TableEntity>();
        await Wait.UntilAsync(async () =>
        {
            rows = await table.QueryAsync<TableEntity>().Where(r => r.GetString("Frame")?.Contains(marker, StringComparison.Ordinal) == true).ToListAsync();
            return rows.Count == 3;
        }, Timeout, "three quarantine rows");
        Assert.Contains(rows, r => r.GetString("Reason")!.StartsWith("not JSON", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.GetString("Reason")!.Contains("no string 'type'", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.GetString("Reason")!.Contains("not an object", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Duplicates_RedeliveredAndRepeatedDeliveryIds_ArePublishedOnceAndAcknowledged()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var original = await bridge.Kadoa.EmitDataChangeAsync("wf-d", options: new EmitOptions { DeliveryId = "dlv-fixed-1" });
        await bridge.Kadoa.EmitAsync("workflow_data_change", original.Payload!.DeepClone(), new EmitOptions { DeliveryId = "dlv-fixed-1" });
        await bridge.Kadoa.RedeliverUnackedAsync();
        var last = await bridge.Kadoa.EmitDataChangeAsync("wf-d");

        await Wait.UntilAsync(() => bridge.IngressIdCounts.ContainsKey(last.ChangeId!), Timeout, "the last event arrives");
        await bridge.Kadoa.WaitForAcksAsync(["dlv-fixed-1", last.DeliveryId], Timeout);
        Delivery.AssertExactlyOnce([original.ChangeId!, last.ChangeId!], bridge.IngressIdCounts, output, "duplicated deliveries");
        Assert.True(bridge.Kadoa.AckCounts["dlv-fixed-1"] >= 1);
    }

    [Fact]
    public async Task LargeSnapshot_3MB_IsClaimCheckedToBlobAndTheEventStaysWithinBudget()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);

        var big = await bridge.Kadoa.EmitDataChangeOfSizeAsync("wf-big", 3 * 1024 * 1024);
        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 1, Timeout);

        var accepted = bridge.EventGrid.GetAccepted(BridgeHarness.Topic)[0];
        Assert.Equal(big.ChangeId, accepted.Id);
        Assert.True(accepted.SizeBytes <= 48 * 1024, $"event is {accepted.SizeBytes} bytes");
        var reference = accepted.CloudEvent.GetProperty("data").GetProperty("snapshotRef");
        var url = new Uri(reference.GetProperty("url").GetString()!);
        var blobName = string.Join("", url.Segments.Skip(3)); // /devstoreaccount1/payloads/<name>
        var blob = new BlobContainerClient(bridge.StorageConnectionString, ContainerNames.Payloads).GetBlobClient(Uri.UnescapeDataString(blobName));
        var content = (await blob.DownloadContentAsync()).Value.Content;
        Assert.Equal(reference.GetProperty("size").GetInt64(), content.ToMemory().Length);
        Assert.True(content.ToMemory().Length > 3_000_000);
        using var snapshot = System.Text.Json.JsonDocument.Parse(content);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, snapshot.RootElement.ValueKind);
        await bridge.Kadoa.WaitForAcksAsync([big.DeliveryId], Timeout);
    }
}
