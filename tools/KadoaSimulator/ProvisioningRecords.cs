using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>A notification channel as the store keeps it.</summary>
internal sealed class ChannelRecord(string id, string name, string channelType, JsonObject config, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string Name { get; set; } = name;

    public string ChannelType { get; set; } = channelType;

    public JsonObject Config { get; set; } = config;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;
}

/// <summary>A notification setting (workflow or workspace level) as the store keeps it.</summary>
internal sealed class SettingRecord(string id, string? workflowId, string eventType, JsonObject eventConfiguration, bool enabled, List<string> channelIds, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string? WorkflowId { get; } = workflowId;

    public string EventType { get; set; } = eventType;

    public JsonObject EventConfiguration { get; set; } = eventConfiguration;

    public bool Enabled { get; set; } = enabled;

    public List<string> ChannelIds { get; set; } = channelIds;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;
}
