namespace KadoaBridge.EventGridEmulator;

/// <summary>An event a subscription gave up on.</summary>
/// <param name="Event">The event as accepted.</param>
/// <param name="Attempts">How many delivery attempts were made.</param>
/// <param name="LastStatusCode">The status of the last attempt, or null when there was none (connection error).</param>
/// <param name="Reason">Why: max delivery attempts reached, or a status Event Grid does not retry (400, 401, 403, 413).</param>
/// <param name="At">When it was dead-lettered.</param>
public sealed record DeadLetteredEvent(AcceptedEvent Event, int Attempts, int? LastStatusCode, string Reason, DateTimeOffset At)
{
    /// <summary>Event Grid's <c>deadletterreason</c>: <c>MaxDeliveryAttemptsExceeded</c>, or <c>UndeliverableDueToHttp{outcome}</c> for an answer it does not retry.</summary>
    public string ReasonCode { get; init; } = "MaxDeliveryAttemptsExceeded";

    /// <summary>Event Grid's <c>lastdeliveryoutcome</c> (<c>BadRequest</c>, <c>Forbidden</c>, <c>Busy</c>, <c>TimedOut</c>, <c>SocketError</c>, …).</summary>
    public string LastDeliveryOutcome { get; init; } = "SocketError";

    /// <summary>The blob the event was written to when the subscription dead-letters to a blob container; null otherwise (or when writing failed).</summary>
    public string? BlobName { get; init; }
}
