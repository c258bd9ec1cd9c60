namespace KadoaBridge.Core.Storage;

/// <summary>The bridge's blob containers. infra/ creates the same names.</summary>
public static class ContainerNames
{
    /// <summary>Claim-checked payloads and snapshots.</summary>
    public const string Payloads = "payloads";

    /// <summary>
    /// Where the ingress subscription dead-letters the events Event Grid could not put on the ingress queue (after 24 hours
    /// of retries, or at once for an answer it does not retry). Event Grid writes it; recovery reads it.
    /// </summary>
    public const string IngressDeadLetters = "deadletters";

    /// <summary>A durable copy of each message that reached <see cref="QueueNames.IngressPoison"/>, with its failure reasons.</summary>
    public const string Poison = "poison";
}
