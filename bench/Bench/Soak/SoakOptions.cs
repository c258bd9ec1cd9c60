namespace KadoaBridge.Bench.Soak;

/// <summary>
/// <c>soak --minutes N [--rate R] [--burst B] [--seed S] [--quiet-seconds Q]</c> (<see cref="SoakCommand"/>): how long changes are emitted, how many
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
    public static SoakOptions Default { get; } = new(10, 30, 300, 1, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));

    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);
}
