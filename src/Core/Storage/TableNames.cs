namespace KadoaBridge.Core.Storage;

/// <summary>The bridge's tables (its queues are <see cref="QueueNames"/>, its blob containers <see cref="ContainerNames"/>). infra/ creates the same names.</summary>
public static class TableNames
{
    /// <summary>Resume cursors of the realtime feed, one row per team.</summary>
    public const string Checkpoints = "Checkpoints";

    /// <summary>Frames that could not be read or published, with the reason.</summary>
    public const string Quarantine = "Quarantine";

    /// <summary>Live status rows (listener connection, heartbeat, counters).</summary>
    public const string Status = "Status";

    /// <summary>One row per ingested CloudEvent id: durable dedupe with a processing lease.</summary>
    public const string Dedupe = "Dedupe";

    /// <summary>Change history: per workflow, and a time index, both newest first.</summary>
    public const string Changes = "Changes";

    /// <summary>Delivery state per event and destination, with the failed and dead-lettered indexes.</summary>
    public const string Deliveries = "Deliveries";

    /// <summary>Routing rules.</summary>
    public const string Routes = "Routes";

    /// <summary>Reconciliation with Kadoa's record: gap-fill watermarks and run, per-workflow leases, backfill jobs.</summary>
    public const string Reconcile = "Reconcile";
}
