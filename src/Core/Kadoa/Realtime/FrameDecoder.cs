using System.Globalization;
using System.Text.Json;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// The tolerant envelope reader: accepts the three envelope variants Kadoa documents
/// (type = <c>type</c> ?? <c>eventType</c>; payload = <c>message</c> ?? <c>data</c>; <c>timestamp</c> as
/// epoch milliseconds or ISO-8601). Anything it cannot read becomes an error naming what is wrong.
/// </summary>
public static class FrameDecoder
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    /// <param name="utf8">The frame's bytes. The frame keeps a reference: do not reuse the buffer.</param>
    /// <param name="receivedAt">Used when the frame has no usable timestamp.</param>
    public static FrameDecodeResult Decode(ReadOnlyMemory<byte> utf8, DateTimeOffset receivedAt)
    {
        if (JsonText.FindUnreadableString(utf8.Span, Options) is { } unreadable)
        {
            return FrameDecodeResult.Malformed($"not JSON: {unreadable}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException exception)
        {
            return FrameDecodeResult.Malformed($"not JSON: {exception.Message}");
        }

        var root = document.RootElement;
        var error = Read(root, receivedAt, out var type, out var timestamp, out var deliveryId, out var cursor, out var payload);
        if (error is not null)
        {
            document.Dispose();
            return FrameDecodeResult.Malformed(error);
        }

        return new FrameDecodeResult(new KadoaFrame(document, type!, timestamp, deliveryId, cursor, payload, utf8.Length), null);
    }

    private static string? Read(
        JsonElement root, DateTimeOffset receivedAt, out string? type, out DateTimeOffset timestamp,
        out string? deliveryId, out string? cursor, out JsonElement? payload)
    {
        type = deliveryId = cursor = null;
        payload = null;
        timestamp = receivedAt;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"the frame is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
        }

        if (!TryString(root, "type", out type) && !TryString(root, "eventType", out type))
        {
            return "the frame has no string 'type' (nor 'eventType')";
        }

        if (type!.Length == 0)
        {
            return "the frame's 'type' is empty";
        }

        timestamp = ReadTimestamp(root, receivedAt);
        if (root.TryGetProperty("id", out var id))
        {
            deliveryId = id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            };
        }

        TryString(root, "_cursor", out cursor);
        if (root.TryGetProperty("message", out var message) && message.ValueKind != JsonValueKind.Null)
        {
            payload = message;
        }
        else if (root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null)
        {
            payload = data;
        }

        return null;
    }

    private static DateTimeOffset ReadTimestamp(JsonElement root, DateTimeOffset fallback)
    {
        if (!root.TryGetProperty("timestamp", out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) && ms is > 0 and < 253402300800000)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return parsed;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ms) && ms is > 0 and < 253402300800000)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }

        return fallback;
    }

    private static bool TryString(JsonElement root, string name, out string? value)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString();
            return true;
        }

        value = null;
        return false;
    }
}
