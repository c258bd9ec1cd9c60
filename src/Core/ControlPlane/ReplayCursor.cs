using Azure;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>A background replay's stored state: its progress and where the next page starts.</summary>
/// <param name="NextPage">The page the next work item republishes.</param>
/// <param name="ContinuationToken">The history position of <paramref name="NextPage"/>; null for the first page.</param>
/// <param name="NextEnqueued">True once the work item for <paramref name="NextPage"/> is on the queue (a crash in between is repaired from this).</param>
/// <param name="ETag">Guards the advance, so two deliveries of one work item never both move the job.</param>
public sealed record ReplayCursor(ReplayJob Job, int NextPage, string? ContinuationToken, bool NextEnqueued, ETag ETag);
