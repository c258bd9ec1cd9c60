using System.Text.Json.Serialization;
using KadoaBridge.Core.Routing;

namespace KadoaBridge.Core.Delivery;

/// <summary>Source-generated JSON for the transform kept with a failed delivery.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RouteTransform))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
