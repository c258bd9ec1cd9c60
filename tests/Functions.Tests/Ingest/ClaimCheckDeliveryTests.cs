using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>
/// Delivery inlines <c>data.snapshotRef</c> only from the claim-check blob of that very event in the bridge's own
/// container: every id round-trips, and a reference that points anywhere else (another container, account or event, a
/// path traversal in any spelling) is delivered as it is, never followed.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ClaimCheckDeliveryTests(AzuriteFixture azurite)
{
    private const string Secret = """[{"secret":"not for this event"}]""";

    [Theory]
    [MemberData(nameof(ClaimCheckEvents.ReservedIds), MemberType = typeof(ClaimCheckEvents))]
    [MemberData(nameof(LongIds))]
    public async Task Publish_ListenerClaimCheckOfAnyId_SnapshotInlined(string id)
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var rows = ClaimCheckEvents.UniqueRows(64 * 1024);
        var mapped = await ClaimCheckEvents.MapAndStoreAsync(harness.Service<ClaimCheckStore>(), id, "wf-claim", rows);
        Assert.NotNull(mapped.ClaimCheck);

        await harness.Service<Deliverer>().DeliverAsync(mapped.CloudEvent, IngestHarness.Changes, null, CancellationToken.None);

        var data = Delivered(harness, id).GetProperty("data");
        Assert.False(data.TryGetProperty("snapshotRef", out _), "The snapshot was not inlined: " + data);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(rows), JsonNode.Parse(data.GetProperty("snapshot").GetRawText())));
    }

    public static TheoryData<string> LongIds() => new() { new string('x', 1200), string.Concat(Enumerable.Repeat("ü/", 600)) };

    [Theory]
    [InlineData("dot-dot-escaped-slash")]
    [InlineData("dot-dot-escaped-slash-lower")]
    [InlineData("escaped-dots")]
    [InlineData("dot-segments")]
    [InlineData("backslashes")]
    [InlineData("other-container")]
    [InlineData("other-host")]
    [InlineData("another-events-blob")]
    [InlineData("another-events-old-blob")]
    public async Task Publish_SnapshotRefOutsideTheEventsOwnBlob_NotFollowed(string form)
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var store = harness.Service<ClaimCheckStore>();
        var id = SampleEvents.NewId();
        var url = await ForeignUrlAsync(harness.StorageConnectionString, store, form, id, "snapshot");

        await harness.Service<Deliverer>().DeliverAsync(Encoding.UTF8.GetBytes(ClaimCheckEvents.WithSnapshotRef(id, "wf-foreign", url)), IngestHarness.Changes, null, CancellationToken.None);

        var delivered = Delivered(harness, id);
        Assert.DoesNotContain("not for this event", delivered.GetRawText(), StringComparison.Ordinal);
        Assert.False(delivered.GetProperty("data").TryGetProperty("snapshot", out _));
        Assert.Equal(url, delivered.GetProperty("data").GetProperty("snapshotRef").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Ingest_UpstreamFrameCarryingASnapshotRef_NotFollowed()
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var store = harness.Service<ClaimCheckStore>();
        var victim = SampleEvents.NewId();
        await store.UploadAsync(ClaimCheckEvents.HashedName(victim, "snapshot"), Encoding.UTF8.GetBytes(Secret), "application/json", CancellationToken.None);
        await store.UploadAsync(ClaimCheckEvents.OldName(victim, "snapshot"), Encoding.UTF8.GetBytes(Secret), "application/json", CancellationToken.None);
        var id = SampleEvents.NewId();
        var upstream = new JsonObject
        {
            ["snapshotRef"] = new JsonObject { ["url"] = ClaimCheckEvents.ListenerUrl(store, ClaimCheckEvents.OldName(victim, "snapshot")), ["size"] = 40 },
            ["payloadRef"] = new JsonObject { ["url"] = ClaimCheckEvents.ListenerUrl(store, ClaimCheckEvents.HashedName(victim, "snapshot")), ["size"] = 40 },
        };
        var mapped = await ClaimCheckEvents.MapAndStoreAsync(store, id, "wf-upstream", """[{"title":"small"}]""", extraPayload: upstream);

        Assert.Equal(IngestOutcome.Processed, (await harness.IngestAsync(Encoding.UTF8.GetString(mapped.CloudEvent.Span))).Outcome);

        var delivered = Delivered(harness, id);
        Assert.DoesNotContain("not for this event", delivered.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("small", delivered.GetProperty("data").GetProperty("snapshot")[0].GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("chg-plain", false)]
    [InlineData("chg-plain", true)]
    [InlineData("old/form ü?#", false)]
    [InlineData("old/form ü?#", true)]
    public async Task Publish_ReferenceStoredByAnEarlierVersion_StillInlined(string idStem, bool listenerUrl)
    {
        await using var harness = await IngestHarness.StartAsync(azurite);
        var store = harness.Service<ClaimCheckStore>();
        var id = idStem + "-" + Guid.NewGuid().ToString("N")[..8];
        const string Rows = """[{"title":"stored before the change","price":1}]""";
        var name = ClaimCheckEvents.OldName(id, "snapshot");
        var sdkUrl = await store.UploadAsync(name, Encoding.UTF8.GetBytes(Rows), "application/json", CancellationToken.None);
        var url = listenerUrl ? ClaimCheckEvents.ListenerUrl(store, name) : sdkUrl.AbsoluteUri; // the listener's and ingest's old spellings

        await harness.Service<Deliverer>().DeliverAsync(Encoding.UTF8.GetBytes(ClaimCheckEvents.WithSnapshotRef(id, "wf-old", url)), IngestHarness.Changes, null, CancellationToken.None);

        var data = Delivered(harness, id).GetProperty("data");
        Assert.False(data.TryGetProperty("snapshotRef", out _), "The old reference was not inlined: " + data);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Rows), JsonNode.Parse(data.GetProperty("snapshot").GetRawText())));
    }

    /// <summary>A reference of shape <paramref name="form"/> for event <paramref name="id"/> whose target (when it exists) holds <see cref="Secret"/>.</summary>
    internal static async Task<string> ForeignUrlAsync(string storageConnectionString, ClaimCheckStore store, string form, string id, string part)
    {
        var secret = Encoding.UTF8.GetBytes(part == "data" ? $$"""{"snapshot":{{Secret}}}""" : Secret); // a whole data holds the snapshot
        var blobs = new BlobServiceClient(storageConnectionString);
        var foreign = "foreign-" + Guid.NewGuid().ToString("N")[..12];
        var container = blobs.GetBlobContainerClient(foreign);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("secret.json").UploadAsync(BinaryData.FromBytes(secret));
        var other = SampleEvents.NewId();
        await store.UploadAsync(ClaimCheckEvents.HashedName(other, part), secret, "application/json", CancellationToken.None);
        await store.UploadAsync(ClaimCheckEvents.OldName(other, part), secret, "application/json", CancellationToken.None);
        // The event's own blob exists too, so only the address decides (a reference elsewhere must not reach it either).
        await store.UploadAsync(ClaimCheckEvents.HashedName(id, part), secret, "application/json", CancellationToken.None);
        var payloads = store.ContainerUrl.AbsoluteUri.TrimEnd('/');
        var account = payloads[..payloads.LastIndexOf('/')];
        return form switch
        {
            "dot-dot-escaped-slash" => $"{payloads}/..%2F{foreign}%2Fsecret.json",
            "dot-dot-escaped-slash-lower" => $"{payloads}/..%2f{foreign}%2fsecret.json",
            "escaped-dots" => $"{payloads}/%2e%2e/{foreign}/secret.json",
            "dot-segments" => $"{payloads}/{ClaimCheckEvents.HashedName(id, part)}/../../../{foreign}/secret.json",
            "backslashes" => $"{payloads}\\..\\{foreign}\\secret.json",
            "other-container" => $"{account}/{foreign}/secret.json",
            "other-host" => ClaimCheckEvents.ListenerUrl(store, ClaimCheckEvents.HashedName(id, part)).Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
            "another-events-blob" => ClaimCheckEvents.ListenerUrl(store, ClaimCheckEvents.HashedName(other, part)),
            "another-events-old-blob" => ClaimCheckEvents.ListenerUrl(store, ClaimCheckEvents.OldName(other, part)),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
        };
    }

    private static JsonElement Delivered(IngestHarness harness, string id) =>
        harness.EventGrid.GetAccepted(IngestHarness.Changes).Single(a => a.Id == id).CloudEvent;
}
