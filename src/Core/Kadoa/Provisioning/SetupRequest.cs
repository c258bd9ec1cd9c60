namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>A validated <c>POST /api/setup</c> body (read it with <see cref="ProvisioningRequestReader.TryReadSetup"/>).</summary>
/// <param name="WorkflowIds">The workflows to subscribe, distinct, in request order; empty when <paramref name="WorkspaceLevel"/>.</param>
/// <param name="WorkspaceLevel">True: workspace-level settings (every workflow) instead of per-workflow ones.</param>
/// <param name="EventTypes">The event types to route to the bridge, distinct, documented.</param>
public sealed record SetupRequest(IReadOnlyList<string> WorkflowIds, bool WorkspaceLevel, IReadOnlyList<string> EventTypes)
{
    /// <summary>The setting scopes this request covers: the workflow ids, or one null standing for the workspace level.</summary>
    public IReadOnlyList<string?> Scopes() => WorkspaceLevel ? [null] : [.. WorkflowIds];
}
