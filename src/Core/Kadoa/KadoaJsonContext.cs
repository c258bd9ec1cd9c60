using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Kadoa;

/// <summary>Source-generated JSON for Kadoa's REST bodies (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KadoaTokenClient.TokenResponse))]
[JsonSerializable(typeof(KadoaAckClient.AckRequest))]
internal sealed partial class KadoaJsonContext : JsonSerializerContext;
