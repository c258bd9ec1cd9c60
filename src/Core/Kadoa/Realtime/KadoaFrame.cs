using System.Text.Json;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// One decoded realtime frame in Kadoa's words: <c>type</c>, <c>timestamp</c>, optional delivery <c>id</c>,
/// <c>_cursor</c> and payload. Owns the parsed document; dispose it once mapped.
/// </summary>
public sealed class KadoaFrame : IDisposable
{
    public const string Heartbeat = "heartbeat";
    public const string Draining = "control.draining";

    private readonly JsonDocument _document;

    internal KadoaFrame(JsonDocument document, string type, DateTimeOffset timestamp, string? deliveryId, string? cursor, JsonElement? payload, int size)
    {
        _document = document;
        Type = type;
        Timestamp = timestamp;
        DeliveryId = deliveryId;
        Cursor = cursor;
        Payload = payload;
        Size = size;
    }

    /// <summary>Kadoa's event type (<c>type</c>, or <c>eventType</c> in the legacy envelope).</summary>
    public string Type { get; }

    /// <summary>When Kadoa sent the frame (epoch milliseconds or ISO-8601 on the wire).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The delivery id used for acknowledgement, when present.</summary>
    public string? DeliveryId { get; }

    /// <summary>The opaque resume position (<c>_cursor</c>), when present.</summary>
    public string? Cursor { get; }

    /// <summary>The payload (<c>message</c> or <c>data</c>), when present.</summary>
    public JsonElement? Payload { get; }

    /// <summary>Whole frame, root element (for <c>retryAfterMs</c> and hashing).</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>Size of the frame on the wire in bytes.</summary>
    public int Size { get; }

    public bool IsHeartbeat => Type == Heartbeat;

    public bool IsDraining => Type == Draining;

    /// <summary>
    /// The <c>retryAfterMs</c> of a <c>control.draining</c> frame when usable: finite, 0..60 000 ms.
    /// Null tells the caller to use its normal reconnect delay (PROTOCOL.md).
    /// </summary>
    public TimeSpan? RetryAfter
    {
        get
        {
            if (Root.TryGetProperty("retryAfterMs", out var value) && value.ValueKind == JsonValueKind.Number &&
                value.TryGetDouble(out var ms) && double.IsFinite(ms) && ms is >= 0 and <= 60_000)
            {
                return TimeSpan.FromMilliseconds(ms);
            }

            return null;
        }
    }

    public void Dispose() => _document.Dispose();
}
