using Azure;

namespace KadoaBridge.Core.Ingest;

/// <summary>The outcome of claiming an event id for processing.</summary>
public enum DedupeOutcome
{
    /// <summary>First time (or a stale claim taken over): process it.</summary>
    Claimed,

    /// <summary>Already processed: do nothing.</summary>
    AlreadyDone,

    /// <summary>Another instance is processing it now: retry the message later.</summary>
    InProgressElsewhere,
}

/// <summary>A claim on an event id; <see cref="ETag"/> guards the final "done" write.</summary>
public sealed record DedupeClaim(DedupeOutcome Outcome, ETag ETag);
