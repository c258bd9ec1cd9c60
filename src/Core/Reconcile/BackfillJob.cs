namespace KadoaBridge.Core.Reconcile;

/// <summary>A backfill and its progress: the answer of <c>POST /api/backfill</c> and <c>GET /api/backfill/{id}</c>.</summary>
/// <param name="WorkflowIds">The workflows it covers, in the order it works through them.</param>
/// <param name="Found">Changes Kadoa listed in the range so far.</param>
/// <param name="Missing">Of those, changes history lacked: sent to ingest, which publishes each once.</param>
/// <param name="Pages">Pages of <c>GET /v5/changes</c> read so far.</param>
/// <param name="LastError">Why it failed, or the last problem it met; never a key.</param>
public sealed record BackfillJob(
    string Id,
    BackfillState State,
    IReadOnlyList<string> WorkflowIds,
    DateTimeOffset From,
    DateTimeOffset To,
    int Found,
    int Missing,
    int Pages,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);

/// <summary>Where a backfill stands.</summary>
public enum BackfillState
{
    Running,
    Completed,
    Failed,
}
