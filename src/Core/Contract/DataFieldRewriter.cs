using System.Buffers;
using System.Text.Json;

namespace KadoaBridge.Core.Contract;

/// <summary>Rewrites one field of a CloudEvent's <c>data</c>, copying everything else as it is.</summary>
public static class DataFieldRewriter
{
    /// <summary>
    /// Writes <paramref name="cloudEvent"/> with <c>data.{field}</c> replaced: <paramref name="writeReplacement"/> writes the
    /// new property, name included, in its place.
    /// </summary>
    public static ReadOnlyMemory<byte> Replace(JsonElement cloudEvent, string field, Action<Utf8JsonWriter> writeReplacement, int sizeHint = 0)
    {
        ArgumentNullException.ThrowIfNull(writeReplacement);
        var output = new ArrayBufferWriter<byte>(Math.Max(sizeHint, 256));
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            foreach (var property in cloudEvent.EnumerateObject())
            {
                if (!property.NameEquals("data"))
                {
                    property.WriteTo(writer);
                    continue;
                }

                writer.WriteStartObject("data");
                foreach (var dataField in property.Value.EnumerateObject())
                {
                    if (dataField.NameEquals(field))
                    {
                        writeReplacement(writer);
                    }
                    else
                    {
                        dataField.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return output.WrittenMemory;
    }
}
