using System.Globalization;

namespace KadoaBridge.Bench.EndToEnd;

/// <summary>Sizes of <c>bench -- e2e</c>; the defaults are the figures' arrangement (issue #13 item 3).</summary>
/// <param name="Phases">Phases in run order (<c>--phases idle,steady</c>). Default both.</param>
/// <param name="IdleChanges">Changes of the idle phase (<c>--idle-changes</c>). Default 12.</param>
/// <param name="IdleInterval">Time between them (<c>--idle-interval</c>, seconds). Default 10 s.</param>
/// <param name="Rate">Changes per second of the steady phase (<c>--rate</c>). Default 500.</param>
/// <param name="RateSeconds">Its length (<c>--rate-seconds</c>). Default 20 s.</param>
/// <param name="WarmUpEvents">Changes before the phases, not measured (<c>--warm-up</c>). Default 500.</param>
public sealed record EndToEndOptions(IReadOnlyList<string> Phases, int IdleChanges, TimeSpan IdleInterval, int Rate, int RateSeconds, int WarmUpEvents)
{
    public const string Usage = "e2e [--phases idle,steady] [--idle-changes N] [--idle-interval S] [--rate R] [--rate-seconds S] [--warm-up N]";

    public static EndToEndOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new EndToEndOptions(["idle", "steady"], IdleChanges: 12, IdleInterval: TimeSpan.FromSeconds(10), Rate: 500, RateSeconds: 20, WarmUpEvents: 500);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--phases" => options with { Phases = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--idle-changes" => options with { IdleChanges = Int(value) },
                "--idle-interval" => options with { IdleInterval = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--rate" => options with { Rate = Int(value) },
                "--rate-seconds" => options with { RateSeconds = Int(value) },
                "--warm-up" => options with { WarmUpEvents = Int(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
        }

        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"{args[^1]} needs a value. {Usage}");
        }

        if (options.Phases.FirstOrDefault(p => p is not ("idle" or "steady")) is { } unknown)
        {
            throw new ArgumentException($"Unknown phase '{unknown}': idle or steady. {Usage}");
        }

        if (options.IdleInterval <= TimeSpan.Zero || options.Rate <= 0)
        {
            throw new ArgumentException($"--idle-interval and --rate must be more than 0. {Usage}");
        }

        return options;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
