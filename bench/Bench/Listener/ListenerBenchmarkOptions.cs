namespace KadoaBridge.Bench.Listener;

/// <summary>Sizes and phases of <c>bench -- listener</c> (<see cref="ListenerCommand"/>); the defaults are the figures' arrangement.</summary>
/// <param name="Phases">Phase keys in run order (<c>--phases</c>). Default <c>snapshots,burst,steady500,steady2000</c>; <c>--rate R</c> replaces the steady ones with <c>steadyR</c>.</param>
/// <param name="BurstEvents">Small changes in the burst (<c>--events</c>). Default 50,000.</param>
/// <param name="Snapshots">Large changes back to back (<c>--snapshots</c>). Default 40.</param>
/// <param name="SnapshotBytes">Size of each (<c>--snapshot-bytes</c>). Default 5 MiB.</param>
/// <param name="RateSeconds">Length of each steady phase (<c>--rate-seconds</c>). Default 20 s.</param>
/// <param name="RateEvents">Events of each steady phase instead (<c>--rate-events</c>). Default null: rate × seconds.</param>
/// <param name="WarmUpEvents">A burst of small changes before the phases, not measured (<c>--warm-up</c>). Default 2,000.</param>
/// <param name="WarmUpRate">Then changes a second until the runtime's compilation has settled (<c>--warm-up-rate</c>), reported as the cold figure. Default 500.</param>
/// <param name="WarmUpSeconds">For that long (<c>--warm-up-seconds</c>; 0: no paced warm-up). Default 20 s.</param>
/// <param name="Relay">Measure the minimal relay first, as the reference (<c>--no-relay</c> turns it off). Default true.</param>
public sealed record ListenerBenchmarkOptions(
    IReadOnlyList<string> Phases, int BurstEvents, int Snapshots, int SnapshotBytes, int RateSeconds, int? RateEvents, int WarmUpEvents, int WarmUpRate, int WarmUpSeconds, bool Relay)
{
    public static ListenerBenchmarkOptions Defaults { get; } = new(
        ["snapshots", "burst", "steady500", "steady2000"], BurstEvents: 50_000, Snapshots: 40, SnapshotBytes: 5 * 1024 * 1024,
        RateSeconds: 20, RateEvents: null, WarmUpEvents: 2_000, WarmUpRate: 500, WarmUpSeconds: 20, Relay: true);

    /// <summary>The phases to run, in order; a phase of 0 events is left out.</summary>
    public IReadOnlyList<ListenerPhase> ToPhases() => [.. Phases.Select(key => key switch
    {
        "snapshots" => new ListenerPhase(key, Snapshots, 0, SnapshotBytes),
        "burst" => new ListenerPhase(key, BurstEvents, 0, 0),
        _ when ListenerPhase.SteadyRate(key) is { } rate => new ListenerPhase(key, RateEvents ?? rate * RateSeconds, rate, 0),
        _ => throw new ArgumentException($"Unknown phase '{key}': snapshots, burst or steady<rate> (e.g. steady500)."),
    }).Where(p => p.Count > 0)];
}
