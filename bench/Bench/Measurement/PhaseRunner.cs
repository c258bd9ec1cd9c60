using System.Globalization;
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

    /// <summary>
    /// Warm-up before the measured phases: a burst of <paramref name="burst"/> small changes, not measured (connections and
    /// pools open, every path runs once), then <paramref name="perSecond"/> a second for <paramref name="seconds"/>,
    /// measured and returned as the cold-start figure (null when there is no paced part). The paced part is there for
    /// .NET's tiered compilation: it recompiles a method only once it has run 30 times and no new method was compiled for
    /// 100 ms, so after a burst alone the listener recompiled about 3,000 methods in 10 s of the 500/s phase that
    /// followed (a JIT event trace), taking up to a fifth of a core from the phase being measured. Measured on 2026-12-03: listener p99 at 500/s 8.0 and
    /// 5.7 ms in a phase right after the burst, 4.0 and 2.9 ms in the phase after that.
    /// </summary>
    public async Task<PhaseResult?> WarmUpAsync(int burst, int perSecond, int seconds, CancellationToken cancellationToken)
    {
        if (burst > 0)
        {
            var from = await eventGrid.CountAsync(topic, cancellationToken);
            await kadoa.BurstAsync(burst, cancellationToken);
            await GuardAsync(eventGrid.WaitForAcceptedAsync(topic, from + burst, DrainTimeout, cancellationToken));
        }

        var count = perSecond * seconds;
        return count > 0
            ? await RunAsync(string.Create(CultureInfo.InvariantCulture, $"warm-up from cold: {perSecond:N0}/s for {seconds} s"), count, token => kadoa.RateAsync(perSecond, count, token), cancellationToken)
            : null;
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
