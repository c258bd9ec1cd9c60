namespace KadoaBridge.Core.ControlPlane;

/// <summary>A replay and its progress: the answer of <c>POST /api/replay</c> and <c>GET /api/replay/{id}</c>.</summary>
/// <param name="Id">The background job's id; null for a replay that ran inline (in the request).</param>
/// <param name="To">The end of the range (resolved to the start time when the request gave none).</param>
/// <param name="Processed">Stored changes republished so far (the total is not counted in advance).</param>
/// <param name="Published">Deliveries the destination topics accepted.</param>
/// <param name="Failed">Deliveries that failed (left to the redrive timer) or were refused (dead-lettered).</param>
/// <param name="LastError">The last problem met, if any.</param>
/// <param name="Ids">The CloudEvent ids republished, newest first; only for an inline replay.</param>
public sealed record ReplayJob(
    string? Id,
    ReplayState State,
    string? WorkflowId,
    DateTimeOffset? From,
    DateTimeOffset To,
    IReadOnlyList<string>? Destinations,
    long Processed,
    long Published,
    long Failed,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<string>? Ids);
