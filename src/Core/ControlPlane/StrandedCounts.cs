namespace KadoaBridge.Core.ControlPlane;

/// <summary>Items that wait where nothing processes them until somebody acts (<see cref="StrandedItems"/>).</summary>
/// <param name="Poison">Poison copies in blob container <c>poison</c>: messages that failed ingest every attempt.</param>
/// <param name="DeadLetters">Events in blob container <c>deadletters</c>: accepted from the listener, never put on the ingress queue.</param>
/// <param name="DeadLetterBlobs">The blobs holding <paramref name="DeadLetters"/> (Event Grid writes one or more events per blob).</param>
/// <param name="Quarantine">Rows in table <c>Quarantine</c>: frames and messages that could not be read (kept for inspection, never retried).</param>
public sealed record StrandedCounts(StrandedCount Poison, StrandedCount DeadLetters, StrandedCount DeadLetterBlobs, StrandedCount Quarantine);
