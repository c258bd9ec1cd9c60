namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// A fault injected into one topic's publish endpoint. While active (for <see cref="Count"/> requests, or during
/// <see cref="Duration"/> from injection, or until cleared when neither is set) every publish request to the topic
/// waits <see cref="Delay"/> and then answers <see cref="StatusCode"/> with an Event Grid-shaped error body,
/// accepting nothing. A 2xx status only adds the delay and then accepts normally.
/// </summary>
/// <param name="StatusCode">HTTP status to answer, e.g. 503, 429, 500; 200 means "delay, then accept".</param>
/// <param name="Count">Number of requests the fault applies to. Default null: not limited by count.</param>
/// <param name="Duration">How long the fault lasts from injection. Default null: not limited by time.</param>
/// <param name="Delay">Latency added before answering. Default null: none.</param>
/// <param name="RetryAfter">
/// Sent as <c>Retry-After</c> (whole seconds, rounded up); a value with a fractional second is also sent as
/// <c>retry-after-ms</c>, which the Azure SDK prefers. Default null: no header.
/// </param>
public sealed record FaultSpec(int StatusCode, int? Count = null, TimeSpan? Duration = null, TimeSpan? Delay = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Same as the positional constructor, with camelCase names: <c>new FaultSpec(503, count: 20)</c>.</summary>
    public FaultSpec(int statusCode, int count, TimeSpan? duration = null, TimeSpan? delay = null, TimeSpan? retryAfter = null)
        : this(statusCode, (int?)count, duration, delay, retryAfter)
    {
    }

    /// <summary>A fault limited by time, with camelCase names: <c>new FaultSpec(503, duration: TimeSpan.FromSeconds(2))</c>.</summary>
    public FaultSpec(int statusCode, TimeSpan duration, TimeSpan? delay = null, TimeSpan? retryAfter = null)
        : this(statusCode, null, (TimeSpan?)duration, delay, retryAfter)
    {
    }
}
