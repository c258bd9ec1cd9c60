using System.Globalization;

namespace KadoaBridge.Bench.Listener;

/// <summary>Sizes and phases of <c>bench -- listener</c>; the defaults are the figures' arrangement.</summary>
/// <param name="Phases">Phase keys in run order (<c>--phases</c>). Default <c>snapshots,burst,steady500,steady2000</c>.</param>
/// <param name="BurstEvents">Small changes in the burst (<c>--events</c>). Default 50,000.</param>
/// <param name="Snapshots">Large changes back to back (<c>--snapshots</c>). Default 40.</param>
/// <param name="SnapshotBytes">Size of each (<c>--snapshot-bytes</c>). Default 5 MiB.</param>
/// <param name="RateSeconds">Length of each steady phase (<c>--rate-seconds</c>). Default 20 s.</param>
/// <param name="RateEvents">Events of each steady phase instead (<c>--rate-events</c>). Default null: rate × seconds.</param>
/// <param name="WarmUpEvents">Small changes before the phases, not measured (<c>--warm-up</c>). Default 2,000.</param>
/// <param name="Relay">Measure the minimal relay first, as the reference (<c>--no-relay</c> turns it off). Default true.</param>
public sealed record ListenerBenchmarkOptions(
    IReadOnlyList<string> Phases, int BurstEvents, int Snapshots, int SnapshotBytes, int RateSeconds, int? RateEvents, int WarmUpEvents, bool Relay)
{
    public const string Usage =
        "listener [--phases snapshots,burst,steady500,steady2000] [--events N] [--snapshots N] [--snapshot-bytes B] " +
        "[--rate R] [--rate-seconds S] [--rate-events N] [--warm-up N] [--no-relay]";

    public static ListenerBenchmarkOptions Defaults { get; } = new(
        ["snapshots", "burst", "steady500", "steady2000"], BurstEvents: 50_000, Snapshots: 40, SnapshotBytes: 5 * 1024 * 1024,
        RateSeconds: 20, RateEvents: null, WarmUpEvents: 2_000, Relay: true);

    public static ListenerBenchmarkOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = Defaults;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-relay")
            {
                options = options with { Relay = false };
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            options = args[i - 1] switch
            {
                "--phases" => options with { Phases = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--events" => options with { BurstEvents = Int(value) },
                "--snapshots" => options with { Snapshots = Int(value) },
                "--snapshot-bytes" => options with { SnapshotBytes = Int(value) },
                // One steady rate instead of the default two (the option's meaning before there were two).
                "--rate" => options with { Phases = [.. options.Phases.Where(p => ListenerPhase.SteadyRate(p) is null), "steady" + Int(value)] },
                "--rate-seconds" => options with { RateSeconds = Int(value) },
                "--rate-events" => options with { RateEvents = Int(value) },
                "--warm-up" => options with { WarmUpEvents = Int(value) },
                _ => throw new ArgumentException($"Unknown option {args[i - 1]}. {Usage}"),
            };
        }

        _ = options.ToPhases(); // unknown phase names fail here, before anything starts
        return options;
    }

    /// <summary>The phases to run, in order; a phase of 0 events is left out.</summary>
    public IReadOnlyList<ListenerPhase> ToPhases() => [.. Phases.Select(key => key switch
    {
        "snapshots" => new ListenerPhase(key, Snapshots, 0, SnapshotBytes),
        "burst" => new ListenerPhase(key, BurstEvents, 0, 0),
        _ when ListenerPhase.SteadyRate(key) is { } rate => new ListenerPhase(key, RateEvents ?? rate * RateSeconds, rate, 0),
        _ => throw new ArgumentException($"Unknown phase '{key}': snapshots, burst or steady<rate> (e.g. steady500). {Usage}"),
    }).Where(p => p.Count > 0)];

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
