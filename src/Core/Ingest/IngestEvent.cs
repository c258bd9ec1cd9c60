using System.Diagnostics;
using System.Text.Json;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.Ingest;

/// <summary>A CloudEvent from the ingress queue, with the attributes ingest keys on. Owns its parsed document.</summary>
public sealed class IngestEvent : IDisposable
{
    private JsonDocument _document;

    private IngestEvent(JsonDocument document, byte[] bytes)
    {
        _document = document;
        Bytes = bytes;
        var root = document.RootElement;
        Id = root.GetProperty("id").GetString()!;
        Type = root.GetProperty("type").GetString()!;
        Subject = root.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.String ? subject.GetString() : null;
        Time = root.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String && time.TryGetDateTimeOffset(out var parsed) ? parsed : null;
        TraceContext = CloudEventTracing.Read(root);
        WorkflowId = Text(root, CloudEventNames.WorkflowExtension)
            ?? (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, CloudEventNames.WorkflowId) : null);
    }

    public string Id { get; }

    public string Type { get; }

    public string? Subject { get; }

    public DateTimeOffset? Time { get; }

    public string? WorkflowId { get; }

    /// <summary>The trace the listener started for this change (<c>traceparent</c>/<c>tracestate</c>); default when absent.</summary>
    public ActivityContext TraceContext { get; }

    /// <summary>The CloudEvent as UTF-8 JSON.</summary>
    public byte[] Bytes { get; private set; }

    public JsonElement Root => _document.RootElement;

    /// <summary>Parses a queue message. Returns null with a reason when it is not a usable CloudEvent (it goes to quarantine).</summary>
    public static IngestEvent? TryParse(ReadOnlyMemory<byte> message, out string? error)
    {
        var bytes = Unwrap(message);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            error = $"not JSON: {e.Message}";
            return null;
        }

        error = Validate(document.RootElement);
        if (error is not null)
        {
            document.Dispose();
            return null;
        }

        return new IngestEvent(document, bytes);
    }

    /// <summary>The CloudEvent id of a queue message, or null when it is not a CloudEvent with one.</summary>
    public static string? TryReadId(ReadOnlyMemory<byte> message)
    {
        try
        {
            using var document = JsonDocument.Parse(Unwrap(message));
            return Text(document.RootElement, "id");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces the event's JSON (after its snapshot moved to Blob).</summary>
    public void Replace(byte[] bytes)
    {
        var document = JsonDocument.Parse(bytes);
        _document.Dispose();
        _document = document;
        Bytes = bytes;
    }

    public void Dispose() => _document.Dispose();

    /// <summary>
    /// Event Grid writes the CloudEvent as JSON text (the host reads it with <c>messageEncoding: none</c>); a message
    /// that is base64 of JSON (another writer's habit) is decoded rather than rejected.
    /// </summary>
    private static byte[] Unwrap(ReadOnlyMemory<byte> message)
    {
        var span = message.Span.TrimStart(" \t\r\n"u8);
        if (span.Length > 0 && span[0] != (byte)'{')
        {
            var buffer = new byte[System.Buffers.Text.Base64.GetMaxDecodedFromUtf8Length(span.Length)];
            if (System.Buffers.Text.Base64.DecodeFromUtf8(span, buffer, out _, out var written) == System.Buffers.OperationStatus.Done &&
                written > 0 && buffer[0] == (byte)'{')
            {
                return buffer[..written];
            }
        }

        return message.ToArray();
    }

    private static string? Validate(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the message is not a JSON object";
        }

        foreach (var required in (ReadOnlySpan<string>)["specversion", "id", "type", "source"])
        {
            if (!root.TryGetProperty(required, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
            {
                return $"the CloudEvent has no '{required}'";
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
