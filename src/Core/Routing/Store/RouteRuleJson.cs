using System.Text.Json;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>
/// A rule as JSON, on the wire (PUT and GET bodies) and in the <c>Routes</c> table: <see cref="RouteRule"/> with the
/// filter as a JSON object rather than text. Defaults match <see cref="RouteRule"/>. Settable, not init-only: the
/// source generator sets init-only properties missing from the JSON to default(T), which would turn <c>enabled</c> off.
/// </summary>
internal sealed record RouteRuleJson
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool Enabled { get; set; } = true;

    public int Order { get; set; }

    public JsonElement? Filter { get; set; }

    public IReadOnlyList<string>? Destinations { get; set; }

    public RouteTransform? Transform { get; set; }

    public bool Final { get; set; }

    /// <summary>The rule named <paramref name="name"/> (the route or row key is authoritative, not the body).</summary>
    public RouteRule ToRule(string name) => new()
    {
        Name = name,
        Description = Description,
        Enabled = Enabled,
        Order = Order,
        Filter = Filter is { ValueKind: not JsonValueKind.Null } filter ? filter.GetRawText() : null,
        Destinations = Destinations ?? [],
        Transform = Transform,
        Final = Final,
    };

    public static RouteRuleJson From(RouteRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        JsonElement? filter = null;
        if (rule.Filter is not null)
        {
            using var document = JsonDocument.Parse(rule.Filter);
            filter = document.RootElement.Clone();
        }

        return new RouteRuleJson
        {
            Name = rule.Name,
            Description = rule.Description,
            Enabled = rule.Enabled,
            Order = rule.Order,
            Filter = filter,
            Destinations = rule.Destinations,
            Transform = rule.Transform,
            Final = rule.Final,
        };
    }
}
