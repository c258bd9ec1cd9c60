namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>A notification setting a provisioning call touched or checked, as Kadoa answered afterwards.</summary>
/// <param name="WorkflowId">Its workflow; null for a workspace-level setting.</param>
/// <param name="EventType">Its event type.</param>
/// <param name="SettingId">Kadoa's setting id.</param>
/// <param name="Enabled">Whether Kadoa sends its events (the bridge never changes this).</param>
/// <param name="ChannelIds">Every channel it routes to: the bridge's and any other kept as it was.</param>
public sealed record ProvisionedSetting(string? WorkflowId, string EventType, string SettingId, bool Enabled, IReadOnlyList<string> ChannelIds)
{
    internal static ProvisionedSetting From(KadoaSetting setting) =>
        new(setting.WorkflowId, setting.EventType, setting.Id, setting.Enabled, setting.ChannelIds);
}
