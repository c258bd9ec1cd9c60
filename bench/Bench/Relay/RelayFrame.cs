using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.Bench.Relay;

/// <summary>One Kadoa event as the minimal relay forwards it: its CloudEvent (serialized), delivery id and cursor.</summary>
public sealed record RelayFrame(byte[] CloudEvent, string? DeliveryId, string? Cursor)
{
    /// <summary>Event Grid's limit per request (1 MB) less room for the batch's brackets and commas.</summary>
    public const int MaxEventBytes = 1_000_000;

    /// <summary>
    /// The event in a frame; null for <c>heartbeat</c>, <c>control.*</c> and anything that is not a JSON object. CloudEvent:
    /// id = the payload's <c>id</c> (a change id), else the delivery id; source = the workflow's page; type = the frame's;
    /// data = the payload. No claim-check: a change too large for Event Grid loses its snapshot (<c>data.data</c>).
    /// </summary>
    public static RelayFrame? Read(ReadOnlySpan<byte> text)
    {
        if (JsonNode.Parse(text) is not JsonObject frame || (Text(frame, "type") ?? Text(frame, "eventType")) is not { } type ||
            type == "heartbeat" || type.StartsWith("control.", StringComparison.Ordinal))
        {
            return null;
        }

        var payloadName = frame.ContainsKey("message") ? "message" : "data";
        var payload = frame[payloadName];
        frame.Remove(payloadName); // detached, so the CloudEvent can hold it
        var deliveryId = Text(frame, "id");
        var workflowId = payload is JsonObject p ? Text(p, "workflowId") : null;
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = (payload is JsonObject o ? Text(o, "id") : null) ?? deliveryId ?? Guid.NewGuid().ToString("N"),
            ["source"] = workflowId is null ? "https://www.kadoa.com" : "https://www.kadoa.com/workflow/" + Uri.EscapeDataString(workflowId),
            ["type"] = type,
            ["datacontenttype"] = "application/json",
            ["data"] = payload,
        };
        var bytes = Serialize(cloudEvent);
        if (bytes.Length > MaxEventBytes && payload is JsonObject change && change.Remove("data"))
        {
            change["snapshotOmitted"] = true;
            bytes = Serialize(cloudEvent);
        }

        return new RelayFrame(bytes, deliveryId, Text(frame, "_cursor"));
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
