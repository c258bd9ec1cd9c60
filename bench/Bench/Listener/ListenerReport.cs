using System.Globalization;
using KadoaBridge.Bench.Measurement;

namespace KadoaBridge.Bench.Listener;

/// <summary>The tables of <c>bench -- listener</c>: one per measured process, the ratios, the goals of issue #13.</summary>
public static class ListenerReport
{
    /// <summary>Issue #13: the listener's peak memory with 5 MB snapshots, in MiB.</summary>
    public const double SnapshotPeakGoalMiB = 160;

    /// <summary>Issue #13: the listener's burst throughput, in events/s.</summary>
    public const double BurstGoalEventsPerSecond = 5_000;

    public static void PrintTable(string title, IReadOnlyList<PhaseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Console.WriteLine($"**{title}**");
        Console.WriteLine();
        Console.WriteLine("| phase | events | events/s | p50 ms | p99 ms | p99.9 ms | max ms | RSS at start MiB | peak RSS MiB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(Invariant($"| {r.Phase} | {r.Events:N0} | {r.EventsPerSecond:N0} | {r.P50:N1} | {r.P99:N1} | {r.P999:N1} | {r.Max:N1} | {r.StartMiB:N0} | {r.PeakMiB:N0} |"));
        }

        Console.WriteLine();
    }

    /// <summary>Listener ÷ relay per phase: below 1 the listener is faster (p99) or leaner (RSS); above 1 it has more throughput.</summary>
    public static void PrintRatios(IReadOnlyList<PhaseResult> listener, IReadOnlyList<PhaseResult> relay)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(relay);
        Console.WriteLine("**Ratios, listener ÷ relay, same run** (p99 and peak RSS: lower is better; events/s: higher is better)");
        Console.WriteLine();
        Console.WriteLine("| phase | p99 listener / relay | events/s listener / relay | peak RSS listener / relay |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var l in listener)
        {
            if (relay.FirstOrDefault(r => r.Phase == l.Phase) is { } r)
            {
                Console.WriteLine(Invariant($"| {l.Phase} | {l.P99 / r.P99:N2} | {l.EventsPerSecond / r.EventsPerSecond:N2} | {l.PeakMiB / r.PeakMiB:N2} |"));
            }
        }

        Console.WriteLine();
    }

    public static void PrintGoals(IReadOnlyList<PhaseResult> listener, IReadOnlyList<ListenerPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(phases);
        foreach (var phase in phases)
        {
            var result = listener.FirstOrDefault(r => r.Phase == phase.Title);
            var line = result is null ? null : phase.Key switch
            {
                "snapshots" => Invariant($"goal: listener peak RSS with snapshots ≤ {SnapshotPeakGoalMiB:N0} MiB: {result.PeakMiB:N0} MiB, {Verdict(result.PeakMiB <= SnapshotPeakGoalMiB)}"),
                "burst" => Invariant($"goal: listener burst ≥ {BurstGoalEventsPerSecond:N0} events/s: {result.EventsPerSecond:N0} events/s, {Verdict(result.EventsPerSecond >= BurstGoalEventsPerSecond)}"),
                _ => null,
            };
            if (line is not null)
            {
                Console.WriteLine(line);
            }
        }
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
