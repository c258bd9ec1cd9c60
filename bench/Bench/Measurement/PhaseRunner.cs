using KadoaBridge.Bench.Processes;
using KadoaBridge.Bench.Sides;

namespace KadoaBridge.Bench.Measurement;

/// <summary>
/// Runs phases against one arrangement: the simulator emits, the measured process (listener, relay, or the whole
/// pipeline) carries the events to <paramref name="topic"/> of the emulator; latency is frame write → acceptance on that
/// topic. Memory is <paramref name="memory"/>'s (peak reset at each phase start); null measures none. A wait ends with an
/// exception as soon as <paramref name="measuredExit"/> does (a measured process died), not after a timeout. With
/// <paramref name="stageTopic"/>, the latency to that intermediate topic is reported too (end to end: the ingress topic).
/// </summary>
public sealed class PhaseRunner(
    KadoaProcess kadoa, EventGridProcess eventGrid, string topic, ProcessMemory? memory, Task measuredExit, string directory, string? stageTopic = null)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    /// <summary>A burst of <paramref name="count"/> small changes, not measured: JIT, connections and pools warm up.</summary>
    public async Task WarmUpAsync(int count, CancellationToken cancellationToken)
    {
        var from = await eventGrid.CountAsync(topic, cancellationToken);
        await kadoa.BurstAsync(count, cancellationToken);
        await GuardAsync(eventGrid.WaitForAcceptedAsync(topic, from + count, DrainTimeout, cancellationToken));
    }

    /// <summary>Emits (<paramref name="emit"/> completes when the last of <paramref name="count"/> events is emitted) and waits until the topic accepted them all.</summary>
    public async Task<PhaseResult> RunAsync(string phase, int count, Func<CancellationToken, Task> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emit);
        memory?.ResetPeak();
        var startMiB = memory?.MiB ?? double.NaN;
        var sentFrom = await kadoa.CountAsync(cancellationToken);
        var acceptedFrom = await eventGrid.CountAsync(topic, cancellationToken);
        var stageFrom = stageTopic is null ? 0 : await eventGrid.CountAsync(stageTopic, cancellationToken);
        await GuardAsync(emit(cancellationToken));
        await GuardAsync(eventGrid.WaitForAcceptedAsync(topic, acceptedFrom + count, DrainTimeout, cancellationToken));
        var peakMiB = memory?.PeakMiB ?? double.NaN;

        var sent = await kadoa.SentSinceAsync(sentFrom, Path.Combine(directory, "sent.tsv"), cancellationToken);
        var accepted = await eventGrid.AcceptedSinceAsync(topic, acceptedFrom, Path.Combine(directory, "accepted.tsv"), cancellationToken);
        var sample = LatencySample.Join(sent, accepted);
        if (sample.Count < count)
        {
            await Console.Error.WriteLineAsync($"  {phase}: {count - sample.Count} of {count} events had no send or acceptance timestamp; left out of the latencies.");
        }

        var stage = stageTopic is null ? null
            : LatencySample.Join(sent, await eventGrid.AcceptedSinceAsync(stageTopic, stageFrom, Path.Combine(directory, "stage.tsv"), cancellationToken));
        return new PhaseResult(phase, count, sample.EventsPerSecond(count), sample.Percentile(0.50), sample.Percentile(0.99), sample.Percentile(0.999),
            sample.MaxMilliseconds, startMiB, peakMiB, stage?.Percentile(0.50) ?? double.NaN, stage?.Percentile(0.99) ?? double.NaN);
    }

    private async Task GuardAsync(Task work) => await await Task.WhenAny(work, measuredExit);
}
