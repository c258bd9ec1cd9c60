using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>Serializes the frames the simulator sends, once per frame; the bytes are shared by every socket.</summary>
internal static class EnvelopeWriter
{
    // Kadoa is a Node service: JSON.stringify writes non-ASCII characters raw, not as \uXXXX escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Event(EnvelopeVariant variant, string type, DateTimeOffset timestamp, string? deliveryId, string? cursor, JsonNode? payload)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (variant == EnvelopeVariant.Legacy)
            {
                writer.WriteString("eventType", type);
                writer.WriteString("timestamp", IsoTimestamp(timestamp));
            }
            else
            {
                writer.WriteString("type", type);
                writer.WriteNumber("timestamp", timestamp.ToUnixTimeMilliseconds());
            }

            if (deliveryId is not null)
            {
                writer.WriteString("id", deliveryId);
            }

            if (cursor is not null)
            {
                writer.WriteString("_cursor", cursor);
            }

            writer.WritePropertyName(variant == EnvelopeVariant.Documented ? "data" : "message");
            if (payload is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                payload.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Heartbeat(DateTimeOffset timestamp)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "heartbeat");
            writer.WriteNumber("timestamp", timestamp.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Draining(int retryAfterMs, DateTimeOffset timestamp)
    {
        var buffer = new ArrayBufferWriter<byte>(96);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "control.draining");
            writer.WriteNumber("retryAfterMs", retryAfterMs);
            writer.WriteNumber("timestamp", timestamp.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>ISO-8601 in UTC with milliseconds, the way JavaScript's <c>Date.toISOString()</c> writes it.</summary>
    public static string IsoTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
