namespace KadoaBridge.Core.ControlPlane;

/// <summary>A <c>POST /api/replay</c> body (read it with <see cref="ReplayRequestReader.TryRead"/>): which stored changes to republish, and where.</summary>
/// <param name="WorkflowId">Only this workflow's changes; null: every workflow's (then <paramref name="From"/> is required).</param>
/// <param name="From">Changes at or after this time; null: the workflow's whole history.</param>
/// <param name="To">Changes at or before this time; null: now.</param>
/// <param name="Destinations">Only these destination aliases (among those the current rules choose); null: every chosen destination.</param>
public sealed record ReplayRequest(string? WorkflowId, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<string>? Destinations);
