namespace KadoaBridge.EventGridEmulator;

/// <summary>Where a subscription delivers: a Storage queue or a webhook.</summary>
internal interface IEventDestination
{
    /// <summary>One attempt. Expected failures are results; the token is cancelled on timeout or shutdown.</summary>
    Task<DeliveryResult> DeliverAsync(AcceptedEvent cloudEvent, int attempt, CancellationToken cancellationToken);
}
