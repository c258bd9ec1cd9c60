using System.Text.Json;
using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Ingest;

/// <summary>Writes a <see cref="JsonElement"/> as its original text, whitespace included, so a stored message stays byte for byte what it was.</summary>
internal sealed class RawJsonConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
    }
}
