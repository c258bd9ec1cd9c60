namespace KadoaBridge.Core.Ingest;

/// <summary>One page of poison copies, in blob name order.</summary>
/// <param name="ContinuationToken">Pass it back for the next page; null on the last.</param>
public sealed record PoisonPage(IReadOnlyList<PoisonCopy> Items, string? ContinuationToken);
