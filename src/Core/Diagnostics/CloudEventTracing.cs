using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace KadoaBridge.Core.Diagnostics;

/// <summary>
/// The CloudEvents distributed-tracing extension (<c>traceparent</c>, <c>tracestate</c>;
/// https://github.com/cloudevents/spec/blob/main/cloudevents/extensions/distributed-tracing.md): reading it from an
/// event, making a W3C trace context for one hop, and writing it into an event's JSON without touching anything else.
/// </summary>
public static class CloudEventTracing
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    private static ReadOnlySpan<byte> TraceParentUtf8 => "traceparent"u8;

    /// <summary>
    /// The <c>traceparent</c> an outgoing event carries: the span's own context when one was recorded, else a new span
    /// id in the trace the event came with (so the chain holds without an exporter), else a new trace. Without a
    /// recorded span the sampled flag is set: no sampling decision was made, so the next hop may record.
    /// </summary>
    public static string For(Activity? span, ActivityContext inTrace = default)
    {
        if (span is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            return id;
        }

        var traceId = inTrace.TraceId != default ? inTrace.TraceId : ActivityTraceId.CreateRandom();
        return $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }

    /// <summary>Reads <c>traceparent</c> and <c>tracestate</c> from a parsed CloudEvent; default when absent or invalid.</summary>
    public static ActivityContext Read(JsonElement cloudEvent)
    {
        if (cloudEvent.ValueKind == JsonValueKind.Object &&
            cloudEvent.TryGetProperty(TraceParent, out var parent) && parent.ValueKind == JsonValueKind.String)
        {
            var state = cloudEvent.TryGetProperty(TraceState, out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (ActivityContext.TryParse(parent.GetString(), state, isRemote: true, out var context))
            {
                return context;
            }
        }

        return default;
    }

    /// <summary>
    /// The event with its top-level <c>traceparent</c> set for the hop <paramref name="span"/> stands for (see
    /// <see cref="For"/>; without a recorded span, a new span id in the trace the event already carries): replaced
    /// where it is, or added first. Everything else (the id, <c>tracestate</c>, data) is copied byte for byte.
    /// </summary>
    public static byte[] Stamp(ReadOnlySpan<byte> cloudEvent, Activity? span)
    {
        var reader = new Utf8JsonReader(cloudEvent);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A CloudEvent must be a JSON object.");
        }

        var objectStart = (int)reader.TokenStartIndex;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTraceParent = reader.ValueTextEquals(TraceParentUtf8);
            reader.Read();
            if (isTraceParent && reader.TokenType == JsonTokenType.String)
            {
                ActivityContext.TryParse(reader.GetString(), null, out var carried);
                var value = Encoding.UTF8.GetBytes(For(span, carried));

                // Replace the string token (quotes included) in place.
                var start = (int)reader.TokenStartIndex;
                var end = (int)reader.BytesConsumed;
                return Concat(cloudEvent[..start], [(byte)'"', .. value, (byte)'"'], cloudEvent[end..]);
            }

            reader.Skip();
        }

        var hasMembers = cloudEvent[(objectStart + 1)..].TrimStart(" \t\r\n"u8) is [not (byte)'}', ..];
        byte[] member = [.. "\"traceparent\":\""u8, .. Encoding.UTF8.GetBytes(For(span)), (byte)'"', .. (hasMembers ? ","u8 : ""u8)];
        return Concat(cloudEvent[..(objectStart + 1)], member, cloudEvent[(objectStart + 1)..]);
    }

    private static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        var result = new byte[first.Length + second.Length + third.Length];
        first.CopyTo(result);
        second.CopyTo(result.AsSpan(first.Length));
        third.CopyTo(result.AsSpan(first.Length + second.Length));
        return result;
    }
}
