namespace KadoaBridge.Core.Storage;

/// <summary>The bridge's storage queues. infra/ creates the same names.</summary>
public static class QueueNames
{
    /// <summary>The ingress queue Event Grid fills from the ingress topic, and its poison queue.</summary>
    public const string Ingress = "ingress";

    public const string IngressPoison = "ingress-poison";

    /// <summary>Background replay work items.</summary>
    public const string Replay = "replay";

    /// <summary>Background backfill work items.</summary>
    public const string Backfill = "backfill";

    /// <summary>Data changes Kadoa emitted before storing their data, waiting to be completed from its REST API.</summary>
    public const string Enrich = "enrich";
}
