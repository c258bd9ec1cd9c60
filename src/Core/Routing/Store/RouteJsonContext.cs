using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>Source-generated JSON for rules, the rule list and dry-run reports (camelCase, nulls omitted, enums as names).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RouteRuleJson))]
[JsonSerializable(typeof(RouteRuleList))]
[JsonSerializable(typeof(RouteDryRunReport))]
internal sealed partial class RouteJsonContext : JsonSerializerContext;
