namespace KadoaBridge.Core.Ingest;

/// <summary>One failed ingest attempt of a CloudEvent.</summary>
/// <param name="MessageId">The queue message that carried it (the host copies a poisoned message under a new id, so this is the original's).</param>
/// <param name="Attempt">The message's dequeue count at that attempt: 1 for the first.</param>
/// <param name="Reason">The exception's type and message.</param>
/// <param name="At">When it failed.</param>
public sealed record FailureReason(string MessageId, long Attempt, string Reason, DateTimeOffset? At);
