using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>
/// JSON text of rules (as stored and as the API shows them), the rule list and dry-run reports. Non-ASCII text stays
/// readable (only what JSON requires is escaped); the answers are served as <c>application/json</c>, never embedded in HTML.
/// </summary>
public static class RouteJson
{
    private static readonly JsonSerializerOptions Options = new(RouteJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A rule as the API shows it and the <c>Routes</c> table stores it.</summary>
    public static string Serialize(RouteRule rule) => Serialize(RouteRuleJson.From(rule));

    /// <summary>Reads a stored rule; <paramref name="name"/> (the row key) names it.</summary>
    /// <exception cref="JsonException">The text is not a rule.</exception>
    public static RouteRule Deserialize(string json, string name) =>
        (JsonSerializer.Deserialize(json, RouteJsonContext.Default.RouteRuleJson) ?? throw new JsonException("A stored rule is null."))
            .ToRule(name);

    /// <summary>The body of <c>GET /api/routes</c>.</summary>
    /// <param name="rules">The rules, in the order to show.</param>
    /// <param name="unmatched">What happens to events no rule matches (<see cref="UnmatchedRoute.Describe"/>).</param>
    public static string SerializeList(IEnumerable<RouteRule> rules, string unmatched) =>
        Serialize(new RouteRuleList([.. rules.Select(RouteRuleJson.From)], unmatched));

    /// <summary>The body of <c>POST /api/routes/test</c>.</summary>
    public static string Serialize(RouteDryRunReport report) => Serialize<RouteDryRunReport>(report);

    internal static string Serialize(RouteRuleJson rule) => Serialize<RouteRuleJson>(rule);

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
}
