namespace KadoaBridge.Core.Ingest;

/// <summary>
/// The share of recent claims that found their id already taken: an exponentially weighted average over about the last
/// 32 claims. Above one half the instance is receiving a burst of repeats (a listener replaying after a restart, say),
/// and <see cref="DedupeStore"/> then asks history first, which costs a repeat one read instead of a failed insert and a
/// read. Concurrent updates may overwrite each other; the figure is a hint, never a decision.
/// </summary>
public sealed class RepeatRate
{
    private const double Weight = 1.0 / 32;

    private double _rate;

    public double Value => Volatile.Read(ref _rate);

    /// <summary>True while most recent claims were repeats.</summary>
    public bool InBurst => Value > 0.5;

    public void Observe(bool repeat)
    {
        var rate = Volatile.Read(ref _rate);
        Volatile.Write(ref _rate, rate + (((repeat ? 1.0 : 0.0) - rate) * Weight));
    }
}
