using KadoaBridge.Core.Ingest;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>The answer of <c>GET /api/recovery/poison</c>: poison copies with their reasons, one page.</summary>
/// <param name="ContinuationToken">Pass it back as <c>continuationToken</c> for the next page; null on the last.</param>
public sealed record PoisonList(IReadOnlyList<PoisonCopy> Items, string? ContinuationToken);
