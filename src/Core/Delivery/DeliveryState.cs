namespace KadoaBridge.Core.Delivery;

/// <summary>Where one event stands with one destination.</summary>
public enum DeliveryState
{
    Pending,
    Published,

    /// <summary>Failed; the redrive timer tries again with backoff.</summary>
    Failed,

    /// <summary>Failed every attempt, or refused by the topic: kept with the last error, no more attempts.</summary>
    DeadLettered,
}
