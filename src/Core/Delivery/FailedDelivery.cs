namespace KadoaBridge.Core.Delivery;

/// <summary>A delivery waiting for redrive (or dead-lettered), with what is needed to try again.</summary>
/// <param name="HistoryPartition">Where the event is stored in history.</param>
/// <param name="Transform">The rule's transform as JSON, or null.</param>
public sealed record FailedDelivery(
    string Id, string Destination, int Attempts, string? LastError, DateTimeOffset? NextAttemptAt, string HistoryPartition, string HistoryRow, string? Transform);
