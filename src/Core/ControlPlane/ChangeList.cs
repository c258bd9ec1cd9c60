namespace KadoaBridge.Core.ControlPlane;

/// <summary>A page of <c>GET /api/changes</c>, newest first.</summary>
/// <param name="ContinuationToken">Pass it back (with the same filters) for the next page; null on the last page.</param>
public sealed record ChangeList(IReadOnlyList<ChangeItem> Items, string? ContinuationToken);
