using System.Diagnostics;

namespace KadoaBridge.Bench.Measurement;

/// <summary>
/// The latencies of one phase, joined by event id from timestamps taken in two other processes: when the Kadoa
/// simulator wrote the frame to its socket and when the Event Grid emulator accepted the publish. Both are
/// <see cref="Stopwatch.GetTimestamp"/>, which on Linux reads <c>clock_gettime(CLOCK_MONOTONIC)</c> in nanoseconds: one
/// clock for every process of the machine, so timestamps of different processes subtract meaningfully (on one machine,
/// never across machines).
/// </summary>
public sealed class LatencySample
{
    private readonly double[] _sorted;
    private readonly long _firstSent;
    private readonly long _lastAccepted;

    private LatencySample(double[] sorted, long firstSent, long lastAccepted)
    {
        _sorted = sorted;
        _firstSent = firstSent;
        _lastAccepted = lastAccepted;
    }

    /// <summary>Events with both timestamps (an id accepted twice counts once, at its first acceptance).</summary>
    public int Count => _sorted.Length;

    public double MaxMilliseconds => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>Joins each accepted id with its send time; ids the simulator did not send in the phase are left out.</summary>
    public static LatencySample Join(IReadOnlyDictionary<string, long> sent, IReadOnlyList<(string Id, long Timestamp)> accepted)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(accepted);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<double> latencies = [];
        long firstSent = long.MaxValue, lastAccepted = long.MinValue;
        foreach (var (id, at) in accepted)
        {
            if (sent.TryGetValue(id, out var sentAt) && seen.Add(id))
            {
                latencies.Add(Stopwatch.GetElapsedTime(sentAt, at).TotalMilliseconds);
                firstSent = Math.Min(firstSent, sentAt);
                lastAccepted = Math.Max(lastAccepted, at);
            }
        }

        latencies.Sort();
        return new LatencySample([.. latencies], firstSent, lastAccepted);
    }

    /// <summary>The nearest-rank percentile (<paramref name="p"/> in 0..1), in ms; NaN when empty.</summary>
    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    /// <summary><paramref name="events"/> over the time from the first send to the last acceptance.</summary>
    public double EventsPerSecond(long events) =>
        _sorted.Length == 0 ? double.NaN : events / Stopwatch.GetElapsedTime(_firstSent, _lastAccepted).TotalSeconds;
}
