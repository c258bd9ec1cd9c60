using System.Text.Json.Serialization;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>A notification setting as Kadoa reports it: one (workflow or workspace, event type) and the channels it routes to.</summary>
/// <param name="Id">Kadoa's setting id.</param>
/// <param name="WorkflowId">The workflow; null for a workspace-level setting.</param>
/// <param name="EventType">The event type, e.g. <c>workflow_data_change</c>.</param>
/// <param name="Enabled">Whether Kadoa sends these events at all.</param>
/// <param name="Channels">The channels the events go to.</param>
/// <param name="CreatedAt">Kadoa's creation time, as Kadoa formats it.</param>
/// <param name="UpdatedAt">Kadoa's last update time, as Kadoa formats it.</param>
public sealed record KadoaSetting(
    string Id,
    string? WorkflowId,
    string EventType,
    bool Enabled,
    IReadOnlyList<KadoaSetting.ChannelRef> Channels,
    string? CreatedAt,
    string? UpdatedAt)
{
    /// <summary>The ids of <see cref="Channels"/>, in Kadoa's order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ChannelIds => [.. Channels.Select(c => c.Id)];

    /// <summary>True when the setting sends its events to <paramref name="channelId"/>.</summary>
    public bool RoutesTo(string channelId) => Channels.Any(c => string.Equals(c.Id, channelId, StringComparison.Ordinal));

    /// <summary>One channel of a setting, as Kadoa lists it.</summary>
    /// <param name="Id">The channel's id.</param>
    /// <param name="Name">Its name.</param>
    /// <param name="ChannelType">Its type.</param>
    public sealed record ChannelRef(string Id, string? Name, string? ChannelType);
}
