namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>What the bridge recorded in table <c>Provisioning</c> (see <see cref="ProvisioningRecordStore"/>).</summary>
/// <param name="Channel">The channel the last setup used; null before the first setup.</param>
/// <param name="Links">The settings the bridge linked to it and has not unlinked since.</param>
/// <param name="LastSetup">A summary of the last setup; null before the first.</param>
public sealed record ProvisioningRecord(ProvisioningRecord.ChannelEntry? Channel, IReadOnlyList<ProvisioningRecord.LinkEntry> Links, ProvisioningRecord.SetupEntry? LastSetup)
{
    /// <summary>The channel row.</summary>
    /// <param name="ChannelId">Kadoa's channel id.</param>
    /// <param name="Name">Its name.</param>
    /// <param name="CreatedByBridge">True when a bridge setup created it.</param>
    /// <param name="RecordedAt">When it was recorded (UTC).</param>
    public sealed record ChannelEntry(string ChannelId, string Name, bool CreatedByBridge, DateTimeOffset RecordedAt);

    /// <summary>One linked setting.</summary>
    /// <param name="WorkflowId">Its workflow; null for workspace level.</param>
    /// <param name="EventType">Its event type.</param>
    /// <param name="SettingId">Kadoa's setting id.</param>
    /// <param name="ChannelId">The channel linked.</param>
    /// <param name="Action">What the last setup did to it: <c>created</c>, <c>updated</c> or <c>unchanged</c>.</param>
    /// <param name="RecordedAt">When (UTC).</param>
    public sealed record LinkEntry(string? WorkflowId, string EventType, string SettingId, string ChannelId, string Action, DateTimeOffset RecordedAt);

    /// <summary>The last setup's summary.</summary>
    /// <param name="FinishedAt">When it finished (UTC).</param>
    /// <param name="Created">Settings created.</param>
    /// <param name="Updated">Settings merged.</param>
    /// <param name="Unchanged">Settings left alone.</param>
    /// <param name="Complete">False when it stopped early.</param>
    /// <param name="Failure">Where and why it stopped, or null.</param>
    public sealed record SetupEntry(DateTimeOffset FinishedAt, int Created, int Updated, int Unchanged, bool Complete, string? Failure);
}
