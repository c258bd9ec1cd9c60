namespace KadoaBridge.Bench.Measurement;

/// <summary>One measured phase. Latencies in ms; memory of the measured process in MiB (NaN when not measured).</summary>
/// <param name="StageP50">Latency to the intermediate topic, when one was measured (the listener's share of an end-to-end latency); else NaN.</param>
public sealed record PhaseResult(
    string Phase, long Events, double EventsPerSecond, double P50, double P99, double P999, double Max, double StartMiB, double PeakMiB,
    double StageP50 = double.NaN, double StageP99 = double.NaN);
