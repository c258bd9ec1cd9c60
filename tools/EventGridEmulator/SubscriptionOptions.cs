namespace KadoaBridge.EventGridEmulator;

/// <summary>An event subscription on one topic: filters, exactly one destination and the retry policy.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>Subscription name, unique within the emulator (delivery attempts are looked up by it).</summary>
    public required string Name { get; set; }

    /// <summary>Only events whose subject starts with this (case-insensitive, like Event Grid's default). Default null: any.</summary>
    public string? SubjectBeginsWith { get; set; }

    /// <summary>Only events whose subject ends with this (case-insensitive). Default null: any.</summary>
    public string? SubjectEndsWith { get; set; }

    /// <summary>Only these event types (case-insensitive). Default empty: all types.</summary>
    public IList<string> IncludedEventTypes { get; } = new List<string>();

    /// <summary>Deliver into a Storage queue. Set exactly one destination.</summary>
    public StorageQueueDestination? StorageQueue { get; set; }

    /// <summary>Deliver to a webhook. Set exactly one destination.</summary>
    public WebhookDestination? Webhook { get; set; }

    /// <summary>
    /// Also dead-letter into this blob container, in Event Grid's format (see <see cref="DeadLetterBlobDestination"/>).
    /// Default null: dead letters are only kept in memory (<see cref="EventGridEmulator.GetDeadLettered"/>), which they always are.
    /// </summary>
    public DeadLetterBlobDestination? DeadLetterBlob { get; set; }

    /// <summary>Attempts per event before it is dead-lettered. Default 30 (Event Grid's default); 1 to 30.</summary>
    public int MaxDeliveryAttempts { get; set; } = 30;

    /// <summary>
    /// Wait after the first failed attempt; it doubles after each further failure and is capped at 30 times this value.
    /// Default 10 s (Event Grid's first retry); tests use milliseconds.
    /// </summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt may take before it counts as failed. Default 30 s (Event Grid's response timeout).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events waiting for delivery before publishing to the topic waits for room. Default 10,000.</summary>
    public int MaxQueuedEvents { get; set; } = 10_000;

    /// <summary>Events delivered (or waiting between retries) at the same time. Default 8.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;
}
