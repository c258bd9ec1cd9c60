namespace KadoaBridge.Bench.Measurement;

/// <summary>One measured phase. Latencies in ms; memory of the measured process in MiB (NaN when not measured).</summary>
public sealed record PhaseResult(
    string Phase, long Events, double EventsPerSecond, double P50, double P99, double P999, double Max, double StartMiB, double PeakMiB);
