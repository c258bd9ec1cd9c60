namespace KadoaBridge.Core.Storage;

/// <summary>The bridge's tables and containers. infra/ creates the same names.</summary>
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

    /// <summary>The ingress queue Event Grid fills from the ingress topic, and its poison queue.</summary>
    public const string IngressQueue = "ingress";

    public const string IngressPoisonQueue = "ingress-poison";

    /// <summary>Background replay work items.</summary>
    public const string ReplayQueue = "replay";

    /// <summary>Background backfill work items.</summary>
    public const string BackfillQueue = "backfill";

    /// <summary>Data changes Kadoa emitted before storing their data, waiting to be completed from its REST API.</summary>
    public const string EnrichQueue = "enrich";

    /// <summary>Blob container for claim-checked payloads and snapshots.</summary>
    public const string PayloadContainer = "payloads";

    /// <summary>
    /// Blob container where the ingress subscription dead-letters the events Event Grid could not put on the ingress queue
    /// (after 24 hours of retries, or at once for an answer it does not retry). Event Grid writes it; recovery reads it.
    /// </summary>
    public const string IngressDeadLetterContainer = "deadletters";

    /// <summary>Blob container with a durable copy of each message that reached <see cref="IngressPoisonQueue"/>, with its failure reasons.</summary>
    public const string PoisonContainer = "poison";
}
