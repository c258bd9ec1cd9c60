using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>
/// A notification channel as Kadoa reports it. Its <c>config</c> is left out on purpose: other channel types keep
/// credentials there (webhook tokens), and the WebSocket channel's is always empty.
/// </summary>
/// <param name="Id">Kadoa's channel id.</param>
/// <param name="Name">The channel's name.</param>
/// <param name="ChannelType"><c>WEBSOCKET</c>, <c>WEBHOOK</c>, <c>EMAIL</c> or <c>SLACK</c>.</param>
/// <param name="LinkedConfigurations">The settings that route to it, as Kadoa lists them (empty when not asked for).</param>
/// <param name="CreatedAt">Kadoa's creation time, as Kadoa formats it.</param>
/// <param name="UpdatedAt">Kadoa's last update time, as Kadoa formats it.</param>
public sealed record KadoaChannel(
    string Id,
    string Name,
    string ChannelType,
    IReadOnlyList<KadoaChannel.Link> LinkedConfigurations,
    string? CreatedAt,
    string? UpdatedAt)
{
    /// <summary>Kadoa's channel type of the realtime feed.</summary>
    public const string WebSocketType = "WEBSOCKET";

    /// <summary>True for the workspace's WebSocket channel (Kadoa allows one).</summary>
    [JsonIgnore]
    public bool IsWebSocket => string.Equals(ChannelType, WebSocketType, StringComparison.OrdinalIgnoreCase);

    /// <summary>One entry of <c>linkedConfigurations</c>: a setting routing to the channel.</summary>
    /// <param name="ConfigurationId">The setting's id.</param>
    /// <param name="WorkflowId">Its workflow; null for a workspace-level setting.</param>
    /// <param name="EventType">Its event type.</param>
    /// <param name="Enabled">Whether Kadoa sends its events.</param>
    public sealed record Link(string ConfigurationId, string? WorkflowId, string EventType, bool Enabled);
}
