using System.Globalization;

namespace KadoaBridge.Bench.Soak;

/// <summary>
/// <c>soak --minutes N [--rate R] [--burst B] [--seed S] [--quiet-seconds Q]</c>: how long changes are emitted, how many
/// per second, the size of each of the three bursts, the seed of the workflow choice and the drain's quiet period.
/// </summary>
/// <param name="Minutes">Emitting time; the fault schedule is scaled to it. Default 10.</param>
/// <param name="Rate">Steady changes per second. Default 30.</param>
/// <param name="Burst">Changes in each of the three bursts (at 20 %, 50 % and 80 % of the run). Default 300.</param>
/// <param name="Seed">Seeds the workflow of each change (which decides its destinations). Default 1.</param>
/// <param name="QuietPeriod">The drain ends when nothing arrived anywhere for this long (or everything arrived). Default 60 s.</param>
/// <param name="MaxDrain">The drain's upper bound. Default 5 min.</param>
public sealed record SoakOptions(double Minutes, int Rate, int Burst, int Seed, TimeSpan QuietPeriod, TimeSpan MaxDrain)
{
    public const string Usage = "soak --minutes N [--rate R (default 30/s)] [--burst B (default 300)] [--seed S (default 1)] [--quiet-seconds Q (default 60)] [--max-drain-seconds M (default 300)]";

    public static SoakOptions Default { get; } = new(10, 30, 300, 1, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));

    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = Default;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            }

            if (!double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            {
                throw new ArgumentException($"{args[i]} must be a number, 0 or more (got '{args[i + 1]}'). Usage: {Usage}");
            }

            options = args[i] switch
            {
                "--minutes" => options with { Minutes = value },
                "--rate" => options with { Rate = (int)value },
                "--burst" => options with { Burst = (int)value },
                "--seed" => options with { Seed = (int)value },
                "--quiet-seconds" => options with { QuietPeriod = TimeSpan.FromSeconds(value) },
                "--max-drain-seconds" => options with { MaxDrain = TimeSpan.FromSeconds(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Usage: {Usage}"),
            };
        }

        if (options.Minutes < 0.5 || options.Rate < 1)
        {
            throw new ArgumentException($"--minutes must be at least 0.5 and --rate at least 1. Usage: {Usage}");
        }

        return options;
    }
}
