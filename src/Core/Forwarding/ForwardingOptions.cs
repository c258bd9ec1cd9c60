namespace KadoaBridge.Core.Forwarding;

/// <summary>How the listener hands events to Event Grid. Bound from <c>Forwarding</c>; every value has a working default.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Forwarding";

    /// <summary>A Storage queue message holds 64 KiB (65,536 bytes), counted after any encoding.</summary>
    public const int QueueMessageLimitBytes = 65_536;

    /// <summary>
    /// Room kept for what Event Grid may put around an event when it delivers it to the queue: 4,096 bytes. With the
    /// CloudEvents schema it adds nothing today; the room keeps a future delivery property from overflowing the message.
    /// </summary>
    public const int QueueDeliveryEnvelopeBytes = 4_096;

    /// <summary>
    /// Largest budget that fits a queue message even when the message is base64-encoded (4 bytes per 3, as the Functions
    /// queue trigger's default encoding does) around the envelope: (65,536 − 4,096) / 4 × 3 = 46,080 bytes (45 KiB).
    /// </summary>
    public const int MaxIngressBudgetBytes = (QueueMessageLimitBytes - QueueDeliveryEnvelopeBytes) / 4 * 3;

    /// <summary>
    /// Largest CloudEvent published inline, in bytes (<c>Forwarding__IngressBudgetBytes</c>); above it the snapshot (or the
    /// whole <c>data</c>) goes to Blob Storage. Default and maximum 46,080 (45 KiB): Event Grid delivers each ingress event
    /// as one Storage queue message of at most 64 KiB, and base64 (4·⌈n/3⌉ bytes) plus 4 KiB for a delivery envelope must
    /// still fit (48 KiB would become exactly 64 KiB with no room left). Minimum 4,096.
    /// </summary>
    public int IngressBudgetBytes { get; set; } = MaxIngressBudgetBytes;

    /// <summary>Most events in one publish call (<c>Forwarding__MaxBatchEvents</c>). Default 500.</summary>
    public int MaxBatchEvents { get; set; } = 500;

    /// <summary>Largest publish request in bytes (<c>Forwarding__MaxBatchBytes</c>). Default 1,000,000: Event Grid takes 1 MB per request.</summary>
    public int MaxBatchBytes { get; set; } = 1_000_000;

    /// <summary>Events received but not yet checkpointed before the listener stops reading (<c>Forwarding__MaxInflightEvents</c>). Default 20,000.</summary>
    public int MaxInflightEvents { get; set; } = 20_000;

    /// <summary>Bytes held for events not yet checkpointed before the listener stops reading (<c>Forwarding__MaxInflightBytes</c>). Default 32 MiB.</summary>
    public long MaxInflightBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>First wait after a publish or checkpoint failed beyond the SDK's own retries (<c>Forwarding__RetryMinDelay</c>). Default 1 s, doubling, with jitter.</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between such attempts (<c>Forwarding__RetryMaxDelay</c>). Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Shortest time between two writes of the stored cursor (<c>Forwarding__CheckpointInterval</c>): everything Event Grid
    /// accepted meanwhile is covered by one write, then acknowledged. Default 250 ms; 0 writes after every published batch
    /// (hundreds of storage transactions a second at a few hundred events/s, billed, and CPU taken beside the hot path).
    /// Publishing never waits for it; acknowledgements wait at most this long. Up to 1 min. Measured at 500 events/s
    /// (docs/performance.md): 100 ms put the listener's p99 about 1.3× the minimal relay's, 250 ms level with it.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Most acknowledgements sent to Kadoa at once, used when a backlog waits (a burst) (<c>Forwarding__AckConcurrency</c>).
    /// Default 32. While they keep up, at most 4 go at once: 32 together took the CPU from the events arriving meanwhile.
    /// </summary>
    public int AckConcurrency { get; set; } = 32;

    /// <summary>How often the listener writes its status row (<c>Forwarding__StatusInterval</c>). Default 10 s.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Recently forwarded ids remembered to suppress overlapping deliveries (<c>Forwarding__RecentIdCapacity</c>). Default 100,000.</summary>
    public int RecentIdCapacity { get; set; } = 100_000;
}
