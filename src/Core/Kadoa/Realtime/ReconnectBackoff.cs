namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>Exponential backoff with jitter between reconnect attempts: min × 2^attempt capped at max, then ±25 %.</summary>
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
