namespace KadoaBridge.Azurite;

/// <summary>How to start Azurite. The defaults give a fresh in-memory instance on free ports.</summary>
public sealed record AzuriteOptions
{
    /// <summary>A folder to persist data in, so a restarted instance keeps it; null keeps everything in memory.</summary>
    public string? Location { get; init; }

    /// <summary>Ports to listen on (0: a free one). Reuse an earlier instance's ports to restart it in place.</summary>
    public int BlobPort { get; init; }

    public int QueuePort { get; init; }

    public int TablePort { get; init; }
}
