using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KadoaBridge.Core.Kadoa.Realtime;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Contract;

/// <summary>
/// Maps one Kadoa frame to the bridge's CloudEvent (docs/contract.md). The one module that knows the
/// contract: id, source, type, subject, time, extensions and <c>data</c>. When the event would exceed the ingress
/// budget, the snapshot (then, if still too large, the whole <c>data</c>) moves to a claim-check blob and the event
/// carries its URL and size instead.
/// </summary>
public sealed partial class CloudEventMapper(CloudEventMapperSettings settings)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    /// <param name="frame">A decoded event frame (not a heartbeat or control frame).</param>
    /// <param name="teamId">The team whose channel delivered it.</param>
    /// <param name="traceParent">The W3C <c>traceparent</c> of this delivery's trace (the distributed-tracing extension).</param>
    /// <param name="origin">Where the event came from: the realtime feed, or Kadoa's REST record (backfill, gap-fill).</param>
    /// <param name="frameBytes">
    /// The bytes <paramref name="frame"/> was decoded from, when the caller can keep them alive until the claim-check is
    /// stored: a snapshot's claim-check is then a slice of them instead of a copy. Empty: the claim-check is a copy.
    /// </param>
    public MappedEvent Map(KadoaFrame frame, string teamId, string? traceParent = null, EventOrigin origin = EventOrigin.Realtime, ReadOnlyMemory<byte> frameBytes = default)
    {
        var header = Describe(frame, teamId, traceParent, origin);
        // The inline event holds the whole payload: a payload over the budget skips writing it (megabytes saved).
        var payloadBytes = frame.Payload is { } p ? JsonMarshal.GetRawUtf8Value(p).Length : 0;
        var inline = payloadBytes > settings.IngressBudgetBytes ? null : Write(header, frame, DataPlacement.Inline, null);
        if (inline is not null && inline.Length <= settings.IngressBudgetBytes)
        {
            return new MappedEvent(header.Id, header.Type, inline, null);
        }

        var snapshot = header.IsDataChange ? SnapshotOf(frame) : null;
        if (snapshot is { } rows)
        {
            var raw = JsonMarshal.GetRawUtf8Value(rows); // the snapshot's bytes as received: no re-serialisation
            var content = frameBytes.Span.Overlaps(raw, out var offset) ? frameBytes.Slice(offset, raw.Length) : raw.ToArray();
            var reference = new BlobReference(BlobNames.For(header.Id, BlobNames.Snapshot), content.Length);
            var withReference = Write(header, frame, DataPlacement.SnapshotByReference, reference);
            if (withReference.Length <= settings.IngressBudgetBytes)
            {
                return new MappedEvent(header.Id, header.Type, withReference, new ClaimCheck(reference.Name, content));
            }
        }

        // Still too large (huge differences, or a large payload of another type): the whole data goes to the blob.
        var data = ExtractData(inline ?? Write(header, frame, DataPlacement.Inline, null));
        var payloadReference = new BlobReference(BlobNames.For(header.Id, BlobNames.Data), data.Length);
        var minimal = Write(header, frame, DataPlacement.PayloadByReference, payloadReference);
        return new MappedEvent(header.Id, header.Type, minimal, new ClaimCheck(payloadReference.Name, data));
    }

    private static EventHeader Describe(KadoaFrame frame, string teamId, string? traceParent, EventOrigin origin)
    {
        var payload = frame.Payload is { ValueKind: JsonValueKind.Object } p ? p : (JsonElement?)null;
        var isDataChange = frame.Type == KadoaEventTypes.DataChange;
        var workflowId = payload is { } o ? StringOrNull(o, "workflowId") : null;
        var changeId = isDataChange && payload is { } c ? StringOrNull(c, "id") : null;
        var id = changeId ?? frame.DeliveryId ?? ContentId(frame);
        var source = workflowId is null
            ? $"{CloudEventNames.KadoaSite}/team/{Uri.EscapeDataString(teamId)}"
            : $"{CloudEventNames.KadoaSite}/workflow/{Uri.EscapeDataString(workflowId)}";
        var subject = workflowId is null
            ? $"teams/{teamId}/events/{frame.Type}"
            : changeId is null ? $"workflows/{workflowId}/events/{frame.Type}" : $"workflows/{workflowId}/changes/{changeId}";
        var createdAt = isDataChange && payload is { } d && d.TryGetProperty("createdAt", out var created) &&
            created.ValueKind == JsonValueKind.String && created.TryGetDateTimeOffset(out var time) ? time : frame.Timestamp;
        return new EventHeader(id, KadoaEventTypes.ToCloudEventType(frame.Type), source, subject, createdAt, teamId, workflowId, changeId, isDataChange, traceParent, origin);
    }

    /// <summary>
    /// One buffer and JSON writer per thread, reused from event to event (only the finished event is a new array); a
    /// buffer grown past <see cref="KeptBufferBytes"/> by a large event is let go rather than kept for the thread's lifetime.
    /// </summary>
    [ThreadStatic]
    private static EventWriter? t_writer;

    private const int KeptBufferBytes = 256 * 1024;

    private byte[] Write(EventHeader header, KadoaFrame frame, DataPlacement placement, BlobReference? reference)
    {
        var cached = t_writer ?? new EventWriter();
        t_writer = null; // never shared with a nested use on this thread
        cached.Bytes.ResetWrittenCount();
        cached.Json.Reset(cached.Bytes);
        try
        {
            WriteEvent(cached.Json, header, frame, placement, reference);
            cached.Json.Flush();
            return cached.Bytes.WrittenSpan.ToArray();
        }
        finally
        {
            if (cached.Bytes.Capacity <= KeptBufferBytes)
            {
                t_writer = cached;
            }
        }
    }

    private sealed class EventWriter
    {
        public EventWriter() => Json = new Utf8JsonWriter(Bytes, WriterOptions);

        public ArrayBufferWriter<byte> Bytes { get; } = new(64 * 1024);

        public Utf8JsonWriter Json { get; }
    }

    private void WriteEvent(Utf8JsonWriter writer, EventHeader header, KadoaFrame frame, DataPlacement placement, BlobReference? reference)
    {
        writer.WriteStartObject();
        writer.WriteString("specversion", "1.0");
        writer.WriteString("id", header.Id);
        writer.WriteString("source", header.Source);
        writer.WriteString("type", header.Type);
        writer.WriteString("subject", header.Subject);
        writer.WriteString("time", header.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        writer.WriteString("datacontenttype", "application/json");
        writer.WriteString(CloudEventNames.TeamExtension, header.TeamId);
        if (header.WorkflowId is not null)
        {
            writer.WriteString(CloudEventNames.WorkflowExtension, header.WorkflowId);
        }

        if (frame.DeliveryId is not null)
        {
            writer.WriteString(CloudEventNames.DeliveryExtension, frame.DeliveryId);
        }

        writer.WriteString(CloudEventNames.KadoaTypeExtension, frame.Type);
        writer.WriteString(CloudEventNames.OriginExtension, header.Origin == EventOrigin.Backfill ? "backfill" : "realtime");
        if (header.TraceParent is not null)
        {
            writer.WriteString(Diagnostics.CloudEventTracing.TraceParent, header.TraceParent);
        }

        writer.WritePropertyName("data");
        if (placement == DataPlacement.PayloadByReference)
        {
            WriteDataByReference(writer, header, reference!);
        }
        else if (header.IsDataChange && frame.Payload is { ValueKind: JsonValueKind.Object } payload)
        {
            WriteDataChange(writer, header, payload, placement == DataPlacement.SnapshotByReference ? reference : null);
        }
        else if (frame.Payload is { } other)
        {
            other.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>The reference's URL is the container's and the name as it is: a <see cref="BlobNames"/> name needs no escaping.</summary>
    private void WriteBlobReference(Utf8JsonWriter writer, string property, BlobReference reference)
    {
        writer.WriteStartObject(property);
        writer.WriteString("url", settings.PayloadContainerUrl.AbsoluteUri.TrimEnd('/') + "/" + reference.Name);
        writer.WriteNumber("size", reference.Size);
        writer.WriteString("contentType", "application/json");
        writer.WriteEndObject();
    }

    private static JsonElement? SnapshotOf(KadoaFrame frame) =>
        frame.Payload is { ValueKind: JsonValueKind.Object } payload && payload.TryGetProperty("data", out var rows) &&
        rows.ValueKind != JsonValueKind.Null ? rows : null;

    private static byte[] ExtractData(byte[] cloudEvent)
    {
        using var document = JsonDocument.Parse(cloudEvent);
        return JsonMarshal.GetRawUtf8Value(document.RootElement.GetProperty("data")).ToArray();
    }

    /// <summary>A stable id for events that carry neither a change id nor a delivery id: a hash of what they say.</summary>
    private static string ContentId(KadoaFrame frame)
    {
        var text = frame.Type + "\n" + frame.Timestamp.ToUnixTimeMilliseconds() + "\n" + (frame.Payload?.GetRawText() ?? "");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return "kadoa-" + Convert.ToHexStringLower(hash[..16]);
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private enum DataPlacement
    {
        Inline,
        SnapshotByReference,
        PayloadByReference,
    }

    private sealed record BlobReference(string Name, long Size);

    private sealed record EventHeader(
        string Id, string Type, string Source, string Subject, DateTimeOffset Time, string TeamId, string? WorkflowId, string? ChangeId, bool IsDataChange, string? TraceParent, EventOrigin Origin);
}
