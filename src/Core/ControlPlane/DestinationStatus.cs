namespace KadoaBridge.Core.ControlPlane;

/// <summary>One destination topic's delivery backlog.</summary>
/// <param name="Failed">Deliveries that failed and wait for the redrive timer.</param>
/// <param name="DeadLettered">Deliveries that failed every attempt or were refused; kept with the last error, not retried.</param>
public sealed record DestinationStatus(string Destination, int Failed, int DeadLettered);
