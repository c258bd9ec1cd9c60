using System.Text.Json;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Turns an ingress dead letter back into the CloudEvent that was published. Event Grid writes a JSON array of events per
/// blob, each with the attributes it adds when dead-lettering
/// (https://learn.microsoft.com/azure/event-grid/delivery-and-retry#dead-letter-events; CloudEvents schema:
/// <c>deadletterreason</c>, <c>deliveryattempts</c>, <c>lastdeliveryoutcome</c>, <c>publishtime</c>, and
/// <c>lastdeliveryattempttime</c>, <c>lasthttpstatuscode</c> where known); those are removed, everything else is kept.
/// </summary>
public static class DeadLetterEvents
{
    /// <summary>The attributes Event Grid adds to a dead-lettered event (compared case-insensitively: the Event Grid schema writes them camelCase).</summary>
    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>(
        ["deadletterreason", "deliveryattempts", "lastdeliveryoutcome", "lastdeliveryattempttime", "lasthttpstatuscode", "publishtime"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The events of a dead-letter blob; null when it is not a JSON array.</summary>
    public static IReadOnlyList<JsonElement>? Read(BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Array ? [.. document.RootElement.EnumerateArray().Select(e => e.Clone())] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The event as JSON text without the dead-letter attributes, as Event Grid puts it on a queue; null when it is not a JSON object.</summary>
    public static string? Strip(JsonElement deadLetter)
    {
        if (deadLetter.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in deadLetter.EnumerateObject().Where(p => !Attributes.Contains(p.Name)))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
