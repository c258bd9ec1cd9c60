namespace KadoaBridge.Core.ControlPlane;

/// <summary>What one retention run removed.</summary>
/// <param name="DedupeDeleted">Rows removed from table <c>Dedupe</c>; null when that table failed (logged).</param>
/// <param name="StatusDeleted">Rows removed from table <c>Status</c>; null when that table failed (logged).</param>
public sealed record RetentionResult(int? DedupeDeleted, int? StatusDeleted);
