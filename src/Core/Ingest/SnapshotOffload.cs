using System.Buffers;
using System.Text.Json;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Keeps history rows small: a snapshot that came inline and is large moves to the payload container and the stored
/// event carries <c>data.snapshotRef</c> instead (as the listener does for events over its budget).
/// </summary>
public sealed class SnapshotOffload(ClaimCheckStore blobs)
{
    /// <summary>Inline snapshots above this many bytes are moved to Blob. Default 16 KiB.</summary>
    public int ThresholdBytes { get; init; } = 16 * 1024;

    public async Task OffloadAsync(IngestEvent e, CancellationToken cancellationToken)
    {
        if (!e.Root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object ||
            !data.TryGetProperty(CloudEventNames.Snapshot, out var snapshot) || snapshot.ValueKind is JsonValueKind.Null)
        {
            return;
        }

        var content = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(content))
        {
            snapshot.WriteTo(writer);
        }

        if (content.WrittenCount <= ThresholdBytes)
        {
            return;
        }

        var blobName = BlobNames.For(e.Id, BlobNames.Snapshot);
        var url = await blobs.UploadAsync(blobName, content.WrittenMemory, "application/json", cancellationToken);
        var size = content.WrittenCount;
        e.Replace(DataFieldRewriter.Replace(e.Root, CloudEventNames.Snapshot, writer =>
        {
            writer.WriteStartObject(CloudEventNames.SnapshotRef);
            writer.WriteString("url", url.AbsoluteUri);
            writer.WriteNumber("size", size);
            writer.WriteString("contentType", "application/json");
            writer.WriteEndObject();
        }).ToArray());
    }
}
