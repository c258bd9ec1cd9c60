namespace KadoaBridge.Bench.Listener;

/// <summary>Sizes of the end-to-end listener benchmark.</summary>
public sealed record ListenerBenchmarkOptions(int BurstEvents, int RateEventsPerSecond, int RateEvents, int Snapshots, int SnapshotBytes)
{
    public static ListenerBenchmarkOptions Parse(string[] args)
    {
        var options = new ListenerBenchmarkOptions(BurstEvents: 50_000, RateEventsPerSecond: 500, RateEvents: 5_000, Snapshots: 40, SnapshotBytes: 5 * 1024 * 1024);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--events" => options with { BurstEvents = value },
                "--rate" => options with { RateEventsPerSecond = value },
                "--rate-events" => options with { RateEvents = value },
                "--snapshots" => options with { Snapshots = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --events N --rate R --rate-events N --snapshots N"),
            };
        }

        return options;
    }
}
