using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace KadoaBridge.Core.Routing;

/// <summary>
/// Applies a rule's <see cref="RouteTransform"/> to a CloudEvent (UTF-8 JSON in, UTF-8 JSON out). Everything not
/// touched by the transform is copied byte for byte, in the original order.
/// </summary>
public static class CloudEventTransformer
{
    private static readonly string[] AlwaysKept = ["changeId", "workflowId"];
    private static readonly string[] SnapshotFields = ["snapshot", "snapshotRef"];

    /// <summary>Returns the transformed event; a null or identity transform returns a copy of the input.</summary>
    /// <exception cref="JsonException">The input is not a JSON object.</exception>
    public static byte[] Apply(ReadOnlySpan<byte> cloudEvent, RouteTransform? transform)
    {
        if (transform is null || transform.IsIdentity)
        {
            return cloudEvent.ToArray();
        }

        var output = new ArrayBufferWriter<byte>(cloudEvent.Length);
        Apply(cloudEvent, transform, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the transformed event to <paramref name="output"/>.</summary>
    /// <exception cref="JsonException">The input is not a JSON object.</exception>
    public static void Apply(ReadOnlySpan<byte> cloudEvent, RouteTransform? transform, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var reader = new Utf8JsonReader(cloudEvent);
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A CloudEvent must be a JSON object.");
        }

        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (transform?.Type is not null && property.NameEquals("type"u8))
            {
                writer.WriteString(property.Name, transform.Type);
            }
            else if (transform is not null && property.NameEquals("data"u8) && property.Value.ValueKind == JsonValueKind.Object)
            {
                writer.WritePropertyName(property.Name);
                WriteData(property.Value, transform, writer);
            }
            else
            {
                WriteRaw(property, writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteData(JsonElement data, RouteTransform transform, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (JsonProperty property in data.EnumerateObject())
        {
            if (transform.OmitSnapshot && Array.Exists(SnapshotFields, property.NameEquals))
            {
                continue;
            }

            if (transform.KeepDataFields is not null
                && !Array.Exists(AlwaysKept, property.NameEquals)
                && !transform.KeepDataFields.Any(property.NameEquals))
            {
                continue;
            }

            WriteRaw(property, writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteRaw(JsonProperty property, Utf8JsonWriter writer)
    {
        writer.WritePropertyName(property.Name);
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(property.Value), skipInputValidation: true);
    }
}
