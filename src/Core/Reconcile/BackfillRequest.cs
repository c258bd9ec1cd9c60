namespace KadoaBridge.Core.Reconcile;

/// <summary>The body of <c>POST /api/backfill</c>: workflows (null = every workflow set up), and the range.</summary>
public sealed record BackfillRequest(IReadOnlyList<string>? WorkflowIds, DateTimeOffset From, DateTimeOffset? To);
