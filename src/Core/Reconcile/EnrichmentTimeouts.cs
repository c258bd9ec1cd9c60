namespace KadoaBridge.Core.Reconcile;

/// <summary>Changes delivered with <c>dataPending: true</c> because Kadoa did not store their data in time: how many, and the latest.</summary>
public sealed record EnrichmentTimeouts(long Count, string? LastId, DateTimeOffset? LastAt);
