namespace KadoaBridge.Core.Ingest;

/// <summary>What ingest did with one message.</summary>
public enum IngestOutcome
{
    /// <summary>Stored and handed to every chosen destination (some deliveries may be waiting for redrive).</summary>
    Processed,

    /// <summary>The id was processed before: nothing done.</summary>
    Duplicate,

    /// <summary>Not a usable CloudEvent: stored in quarantine with the reason, not retried.</summary>
    Quarantined,

    /// <summary>
    /// Another instance is still processing the same id (its lease is live) after
    /// <see cref="IngestService.InProgressWait"/>: nothing done; hand the message back to complete as a repeat later
    /// (<see cref="IngressRequeue"/>). Not a failure.
    /// </summary>
    InProgress,
}
