using System.CommandLine;
using KadoaBridge.CommandLine;

namespace KadoaBridge.Bench.Soak;

/// <summary>
/// <c>bench -- soak --minutes N [--rate R] [--burst B] [--seed S] [--quiet-seconds Q] [--max-drain-seconds M]</c>: runs the
/// soak, prints its tables, exits 1 on any loss (2 on bad arguments, 130 when cancelled).
/// </summary>
internal sealed class SoakCommand : Command
{
    private static readonly SoakOptions Defaults = SoakOptions.Default;

    private readonly Option<double> _minutes = CheckedOptions.Number(
        "--minutes", "Emitting time; the fault schedule is scaled to it.", min: 0.5, defaultValue: Defaults.Minutes, helpName: "N");

    private readonly Option<int> _rate = CheckedOptions.WholeNumber("--rate", "Steady changes per second.", 1, int.MaxValue, Defaults.Rate, "R");

    private readonly Option<int> _burst = CheckedOptions.WholeNumber(
        "--burst", "Changes in each of the three bursts (at 20 %, 50 % and 80 % of the run).", 0, int.MaxValue, Defaults.Burst, "B");

    private readonly Option<int> _seed = CheckedOptions.WholeNumber(
        "--seed", "Seeds the workflow of each change (which decides its destinations).", 0, int.MaxValue, Defaults.Seed, "S");

    private readonly Option<double> _quietSeconds = CheckedOptions.Number(
        "--quiet-seconds", "The drain ends when nothing arrived anywhere for this long (or everything arrived).", min: 0, defaultValue: Defaults.QuietPeriod.TotalSeconds, helpName: "Q");

    private readonly Option<double> _maxDrainSeconds = CheckedOptions.Number(
        "--max-drain-seconds", "The drain's upper bound.", min: 0, defaultValue: Defaults.MaxDrain.TotalSeconds, helpName: "M");

    public SoakCommand()
        : base("soak", "The whole pipeline under scheduled faults: Azurite, the listener and the Functions app as their own processes; exit 1 on any loss.")
    {
        Option[] options = [_minutes, _rate, _burst, _seed, _quietSeconds, _maxDrainSeconds];
        foreach (var option in options)
        {
            Options.Add(option);
        }

        SetAction(parseResult => CancellableRun.RunAsync(cancellationToken => RunAsync(Read(parseResult), cancellationToken)));
    }

    public SoakOptions Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new(
            parseResult.GetValue(_minutes),
            parseResult.GetValue(_rate),
            parseResult.GetValue(_burst),
            parseResult.GetValue(_seed),
            TimeSpan.FromSeconds(parseResult.GetValue(_quietSeconds)),
            TimeSpan.FromSeconds(parseResult.GetValue(_maxDrainSeconds)));
    }

    private static async Task<int> RunAsync(SoakOptions options, CancellationToken cancellationToken)
    {
        var result = await SoakRun.RunAsync(options, Console.Out, cancellationToken);
        SoakReport.Print(result, Console.Out);
        return result.ExitCode;
    }
}
