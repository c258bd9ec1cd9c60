namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>Where and why a provisioning call stopped. What was done before it stays done; calling again completes the rest.</summary>
/// <param name="Step"><c>channel</c> (finding or creating the channel), <c>settings</c> (listing settings) or <c>setting</c> (one setting).</param>
/// <param name="WorkflowId">The workflow of the setting at fault, null for the workspace level or when not at a setting.</param>
/// <param name="EventType">The event type of the setting at fault, null when not at a setting.</param>
/// <param name="KadoaStatus">Kadoa's HTTP status, null when no answer came (timeout, no connection).</param>
/// <param name="KeyRejected">True when Kadoa refused the API key (401/403).</param>
/// <param name="Message">Kadoa's message or what went wrong; never the key.</param>
public sealed record ProvisioningFailure(string Step, string? WorkflowId, string? EventType, int? KadoaStatus, bool KeyRejected, string Message)
{
    /// <summary>The failure for a Kadoa error at <paramref name="step"/>.</summary>
    public static ProvisioningFailure From(KadoaRequestException error, string step, string? workflowId = null, string? eventType = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(step, workflowId, eventType, error.StatusCode is { } status ? (int)status : null, error.KeyRejected, error.Message);
    }
}
