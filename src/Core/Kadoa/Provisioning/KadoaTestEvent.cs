namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>Kadoa's answer to <c>POST /v5/notifications/test</c>: the mock event it is sending.</summary>
/// <param name="EventId">The delivery id of the mock event, when Kadoa gives one.</param>
/// <param name="EventType">The event type sent.</param>
/// <param name="WorkflowId">The workflow named in the event, if any.</param>
public sealed record KadoaTestEvent(string? EventId, string EventType, string? WorkflowId);
