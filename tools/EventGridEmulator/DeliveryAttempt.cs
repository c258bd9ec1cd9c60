namespace KadoaBridge.EventGridEmulator;

/// <summary>One attempt to deliver one event to one subscription.</summary>
/// <param name="EventId">The CloudEvent id.</param>
/// <param name="Attempt">1 for the first attempt, then 2, 3, ...</param>
/// <param name="Succeeded">Whether the destination took the event.</param>
/// <param name="StatusCode">HTTP status the destination answered, or null when none (connection error, timeout, failed handshake).</param>
/// <param name="Error">What went wrong, or null on success.</param>
/// <param name="At">When the attempt finished (the emulator's <see cref="TimeProvider"/>).</param>
public sealed record DeliveryAttempt(string EventId, int Attempt, bool Succeeded, int? StatusCode, string? Error, DateTimeOffset At);
