using System.Globalization;

namespace KadoaBridge.Bench.Listener;

/// <summary>One phase of <c>bench -- listener</c>: <c>snapshots</c>, <c>burst</c> or <c>steady{rate}</c>.</summary>
/// <param name="Key">The name in <c>--phases</c>.</param>
/// <param name="Count">Events of the phase.</param>
/// <param name="PerSecond">Steady phases: the rate; else 0.</param>
/// <param name="Bytes">Snapshots: the size of each; else 0.</param>
public sealed record ListenerPhase(string Key, int Count, int PerSecond, int Bytes)
{
    public string Title => Key switch
    {
        "snapshots" => string.Create(CultureInfo.InvariantCulture, $"{Bytes / 1024.0 / 1024.0:0.#} MB snapshots, back to back"),
        "burst" => "burst of small changes",
        _ => string.Create(CultureInfo.InvariantCulture, $"steady {PerSecond:N0} events/s"),
    };

    /// <summary>The rate of a <c>steady{rate}</c> key; null for other keys.</summary>
    public static int? SteadyRate(string key) =>
        key.StartsWith("steady", StringComparison.Ordinal) && int.TryParse(key.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : null;
}
