using System.Text;
using System.Text.Json.Nodes;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Tests.Ingest;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>
/// <c>GET /api/changes/{workflowId}/{changeId}</c> follows <c>payloadRef</c>/<c>snapshotRef</c> only to the event's own
/// claim-check blob in the bridge's container: any id round-trips (listener claim-checks, ingest's offload, history's
/// own event blob), a reference elsewhere shows the snapshot as unavailable, and references stored by earlier versions
/// are still read.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ChangeDetailReferenceTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Time = new(2024, 11, 5, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(ClaimCheckEvents.ReservedIds), MemberType = typeof(ClaimCheckEvents))]
    public async Task GetChange_ListenerSnapshotClaimCheckOfAnyId_SnapshotRoundTrips(string reservedId)
    {
        await using var storage = await StorageFor(reservedId);
        await using var harness = await ControlPlaneHarness.StartAsync(storage.Azurite);
        var id = storage.Id;
        var workflow = ChangeEvents.NewWorkflow("wf-snapref");
        var rows = ClaimCheckEvents.UniqueRows(64 * 1024);
        var mapped = await ClaimCheckEvents.MapAndStoreAsync(harness.Service<ClaimCheckStore>(), id, workflow, rows);
        Assert.Contains("snapshotRef", Encoding.UTF8.GetString(mapped.CloudEvent.Span), StringComparison.Ordinal);

        await harness.IngestAllAsync([Encoding.UTF8.GetString(mapped.CloudEvent.Span)]);
        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(rows), answer.Json["snapshot"]), "The snapshot did not round-trip: " + answer.Json["event"]);
        var delivered = harness.EventGrid.GetAccepted(IngestHarness.Changes).Single(a => a.Id == id).CloudEvent.GetProperty("data");
        Assert.False(delivered.TryGetProperty("snapshotRef", out _), "The destination did not get the snapshot inlined.");
    }

    [Theory]
    [MemberData(nameof(ClaimCheckEvents.ReservedIds), MemberType = typeof(ClaimCheckEvents))]
    public async Task GetChange_ListenerPayloadClaimCheckOfAnyId_SnapshotRoundTrips(string reservedId)
    {
        await using var storage = await StorageFor(reservedId);
        await using var harness = await ControlPlaneHarness.StartAsync(storage.Azurite);
        var id = storage.Id;
        var workflow = ChangeEvents.NewWorkflow("wf-payloadref");
        var rows = $$"""[{"title":"Chair","price":80,"marker":"{{Guid.NewGuid():N}}"}]""";
        var mapped = await ClaimCheckEvents.MapAndStoreAsync(harness.Service<ClaimCheckStore>(), id, workflow, rows, differenceFields: 1000);
        Assert.Contains("payloadRef", Encoding.UTF8.GetString(mapped.CloudEvent.Span), StringComparison.Ordinal);

        await harness.IngestAllAsync([Encoding.UTF8.GetString(mapped.CloudEvent.Span)]);
        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(rows), answer.Json["snapshot"]), "The snapshot did not round-trip: " + answer.Json["event"]);
    }

    [Theory]
    [MemberData(nameof(ClaimCheckEvents.ReservedIds), MemberType = typeof(ClaimCheckEvents))]
    public async Task GetChange_IngestOffloadAndEventBlobOfAnyId_RoundTrip(string reservedId)
    {
        await using var storage = await StorageFor(reservedId);
        await using var harness = await ControlPlaneHarness.StartAsync(storage.Azurite);
        var id = storage.Id;
        var workflow = ChangeEvents.NewWorkflow("wf-offload");
        var rows = ClaimCheckEvents.UniqueRows(40 * 1024); // above ingest's 16 KiB offload threshold
        var large = JsonNode.Parse(ChangeEvents.DataChange(id, workflow, Time, rows))!.AsObject();
        large["data"]!["summary"] = new string('s', 70 * 1024); // the stored event stays over 60 KiB: history keeps it in a blob
        var cloudEvent = large.ToJsonString();

        await harness.IngestAllAsync([cloudEvent]);
        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        Assert.NotNull(answer.Json["event"]);
        Assert.Equal(large["data"]!["summary"]!.GetValue<string>(), (string?)answer.Json["event"]!["data"]!["summary"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(rows), answer.Json["snapshot"]), "The offloaded snapshot did not round-trip.");
    }

    [Theory]
    [InlineData("dot-dot-escaped-slash")]
    [InlineData("escaped-dots")]
    [InlineData("other-container")]
    [InlineData("other-host")]
    [InlineData("another-events-blob")]
    [InlineData("another-events-old-blob")]
    public async Task GetChange_PayloadRefOutsideTheEventsOwnBlob_SnapshotUnavailable(string form)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-foreign");
        var id = SampleEvents.NewId();
        var url = await ClaimCheckDeliveryTests.ForeignUrlAsync(azurite.ConnectionString, harness.Service<ClaimCheckStore>(), form, id, "data");

        await harness.IngestAllAsync([ClaimCheckEvents.WithPayloadRef(id, workflow, url)]);
        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        Assert.Null(answer.Json["snapshot"]);
        Assert.DoesNotContain("not for this event", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chg-plain", false)]
    [InlineData("chg-plain", true)]
    [InlineData("old/form ü?#", false)]
    [InlineData("old/form ü?#", true)]
    public async Task GetChange_PayloadRefStoredByAnEarlierVersion_StillRead(string idStem, bool listenerUrl)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var store = harness.Service<ClaimCheckStore>();
        var workflow = ChangeEvents.NewWorkflow("wf-oldref");
        var id = idStem + "-" + Guid.NewGuid().ToString("N")[..8];
        const string Rows = """[{"title":"stored before the change","price":1}]""";
        var data = $$"""{"changeId":"x","workflowId":"{{workflow}}","differences":[],"snapshot":{{Rows}}}""";
        var name = ClaimCheckEvents.OldName(id, "data");
        var sdkUrl = await store.UploadAsync(name, Encoding.UTF8.GetBytes(data), "application/json", CancellationToken.None);
        var url = listenerUrl ? ClaimCheckEvents.ListenerUrl(store, name) : sdkUrl.AbsoluteUri;

        await harness.IngestAllAsync([ClaimCheckEvents.WithPayloadRef(id, workflow, url)]);
        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Rows), answer.Json["snapshot"]), answer.Body);
    }

    /// <summary>
    /// Where to ingest <paramref name="reservedId"/>. History dedupes on the id and the tests share one Azurite, so the id
    /// gets a unique suffix; only <c>.</c> and <c>..</c> themselves were dot segments in the old blob names, so they stay
    /// exact and get an Azurite of their own.
    /// </summary>
    private async Task<TestStorage> StorageFor(string reservedId)
    {
        if (reservedId is not ("." or ".."))
        {
            return new TestStorage(reservedId + "-" + Guid.NewGuid().ToString("N")[..8], azurite, Owned: false);
        }

        var own = new AzuriteFixture();
        await own.InitializeAsync();
        return new TestStorage(reservedId, own, Owned: true);
    }

    private sealed record TestStorage(string Id, AzuriteFixture Azurite, bool Owned) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (Owned)
            {
                await Azurite.DisposeAsync();
            }
        }
    }
}
