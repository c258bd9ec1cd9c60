using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>The event types <c>GET /v5/notifications/event-types</c> lists (PROTOCOL.md, "Event types").</summary>
internal static class EventTypeCatalog
{
    private static readonly (string Type, string Category, string Description)[] Types =
    [
        ("workflow_started", "workflow", "A workflow run started."),
        ("workflow_finished", "workflow", "A workflow run finished."),
        ("workflow_failed", "workflow", "A workflow run failed."),
        ("workflow_sample_finished", "workflow", "A sample extraction finished."),
        ("workflow_data_change", "workflow", "The monitored data changed."),
        ("system_maintenance", "system", "Planned maintenance."),
        ("service_degradation", "system", "The service is degraded."),
        ("credits_low", "account", "The team is running low on credits."),
        ("free_trial_ending", "account", "The free trial ends soon."),
    ];

    public static IEnumerable<string> Names => Types.Select(t => t.Type);

    public static bool IsKnown(string? eventType) => eventType is not null && Array.Exists(Types, t => t.Type == eventType);

    public static JsonArray ToJson() => [.. Types.Select(t => (JsonNode)Describe(t.Type, t.Category, t.Description))];

    public static JsonObject? Get(string eventType)
    {
        var match = Array.Find(Types, t => t.Type == eventType);
        return match.Type is null ? null : Describe(match.Type, match.Category, match.Description);
    }

    private static JsonObject Describe(string type, string category, string description) => new()
    {
        ["type"] = type,
        ["category"] = category,
        ["description"] = description,
        ["version"] = "1.0",
        ["schema"] = Schema(type),
    };

    private static JsonObject Schema(string type)
    {
        string[] required = type switch
        {
            "workflow_data_change" => ["id", "workflowId", "data", "differences", "url", "createdAt"],
            "workflow_failed" => ["workflowId", "source", "reason", "action"],
            "workflow_started" or "workflow_finished" or "workflow_sample_finished" => ["workflowId"],
            _ => [],
        };
        var properties = new JsonObject();
        foreach (var name in required)
        {
            properties[name] = new JsonObject { ["type"] = name is "data" or "differences" ? "array" : "string" };
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
        };
    }
}
