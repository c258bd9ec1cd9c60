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

    /// <summary>Blob container for claim-checked payloads and snapshots.</summary>
    public const string PayloadContainer = "payloads";
}
