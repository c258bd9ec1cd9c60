namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>A validated <c>POST /api/setup/test</c> body (read it with <see cref="ProvisioningRequestReader.TryReadTest"/>).</summary>
/// <param name="EventType">The event type of the mock event. Default <c>workflow_data_change</c>.</param>
/// <param name="WorkflowId">The workflow the mock event names, if any.</param>
public sealed record TestEventRequest(string EventType, string? WorkflowId);
