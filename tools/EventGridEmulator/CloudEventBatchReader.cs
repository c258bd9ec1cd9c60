using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace KadoaBridge.EventGridEmulator;

/// <summary>Turns a publish request body into accepted events, or into the error that rejects the whole request.</summary>
internal static class CloudEventBatchReader
{
    /// <summary>Event Grid's limit for one event and for one request body: 1 MB.</summary>
    public const int MaxBytes = 1_048_576;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    /// <summary>Reads all events of <paramref name="body"/>; returns null and fills <paramref name="accepted"/> when every event is valid.</summary>
    public static EventGridError? Read(ReadOnlyMemory<byte> body, bool isBatch, TimeProvider timeProvider, List<AcceptedEvent> accepted)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return EventGridError.BadRequest($"The request body is not valid JSON: {exception.Message}", "InputJsonInvalid");
        }

        using (document)
        {
            var root = document.RootElement;
            var validated = new List<(CloudEventHeader Header, JsonElement Element, int Size)>(isBatch ? root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 0 : 1);
            if (isBatch)
            {
                if (root.ValueKind != JsonValueKind.Array)
                {
                    return EventGridError.BadRequest(
                        "Content type application/cloudevents-batch+json requires a JSON array of CloudEvents.", "InputJsonInvalid");
                }

                if (root.GetArrayLength() == 0)
                {
                    return EventGridError.BadRequest("The batch contains no events.", "InputJsonInvalid");
                }

                var index = 0;
                foreach (var element in root.EnumerateArray())
                {
                    if (ReadOne(element, index++, validated) is { } error)
                    {
                        return error;
                    }
                }
            }
            else if (root.ValueKind != JsonValueKind.Object)
            {
                return EventGridError.BadRequest(
                    "Content type application/cloudevents+json requires one CloudEvent JSON object.", "InputJsonInvalid");
            }
            else if (ReadOne(root, 0, validated) is { } error)
            {
                return error;
            }

            // One acceptance instant per request: the batch is accepted atomically.
            var timestamp = Stopwatch.GetTimestamp();
            var now = timeProvider.GetUtcNow();
            foreach (var (header, element, size) in validated)
            {
                accepted.Add(new AcceptedEvent(header.Id, header.Type, header.Source, header.Subject, element.Clone(), size, timestamp, now));
            }

            return null;
        }
    }

    private static EventGridError? ReadOne(JsonElement element, int index, List<(CloudEventHeader, JsonElement, int)> validated)
    {
        var size = JsonMarshal.GetRawUtf8Value(element).Length;
        if (size > MaxBytes)
        {
            return EventGridError.TooLarge($"The event at index {index} is {size} bytes; the maximum event size is {MaxBytes} bytes (1 MB).");
        }

        if (CloudEventValidator.Validate(element, index, out var header) is { } problem)
        {
            return EventGridError.BadRequest(problem, "InvalidCloudEvent");
        }

        validated.Add((header, element, size));
        return null;
    }
}
