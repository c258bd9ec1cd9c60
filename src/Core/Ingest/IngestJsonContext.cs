using System.Text.Json;
using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Ingest;

/// <summary>Source-generated JSON for what ingest stores as JSON: the poison copies' envelope (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PoisonCopy))]
[JsonSerializable(typeof(string))]
internal sealed partial class IngestJsonContext : JsonSerializerContext;
