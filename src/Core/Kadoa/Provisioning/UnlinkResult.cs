namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>What <c>DELETE /api/setup/workflows/{workflowId}</c> did to that workflow's settings.</summary>
/// <param name="WorkflowId">The workflow.</param>
/// <param name="ChannelId">The WebSocket channel unlinked; null when the workspace has none (nothing to do).</param>
/// <param name="Updated">Settings that keep routing to other channels, without the bridge's.</param>
/// <param name="Deleted">Settings that routed only to the bridge's channel: removed, as they would send nothing.</param>
/// <param name="Failure">Null when done; otherwise where it stopped (a second call completes it).</param>
public sealed record UnlinkResult(
    string WorkflowId,
    string? ChannelId,
    IReadOnlyList<ProvisionedSetting> Updated,
    IReadOnlyList<ProvisionedSetting> Deleted,
    ProvisioningFailure? Failure)
{
    /// <summary>True when no setting of the workflow routes to the channel any more.</summary>
    public bool Complete => Failure is null;
}
