namespace KadoaBridge.Core.Ingest;

/// <summary>The outcome of claiming an event id for processing.</summary>
public enum DedupeOutcome
{
    /// <summary>First time (or a stale claim taken over): process it.</summary>
    Claimed,

    /// <summary>Already processed: do nothing.</summary>
    AlreadyDone,

    /// <summary>Another instance is processing it now (its lease is live): wait for it, or hand the message back.</summary>
    InProgressElsewhere,
}

/// <summary>A claim on an event id.</summary>
/// <param name="Resumed">Taken over from an instance whose lease ran out: some steps may be done already.</param>
/// <param name="Location">Where the change is stored: the one recorded by the first claim.</param>
/// <param name="Holder">This claim's token (written in the row): only its holder renews or releases it. Null unless claimed.</param>
/// <param name="Published">Destinations an earlier holder published to before it failed (recorded on release); empty unless resumed.</param>
public sealed record DedupeClaim(DedupeOutcome Outcome, bool Resumed, ChangeLocation Location, string? Holder = null, IReadOnlySet<string>? Published = null);
