using System.CommandLine;
using KadoaBridge.CommandLine;

namespace KadoaBridge.Bench.EndToEnd;

/// <summary><c>bench -- e2e [options]</c>: Kadoa → listener → queue → ingest → destination topic, every part its own process (<see cref="EndToEndBenchmark"/>).</summary>
internal sealed class EndToEndCommand : Command
{
    private static readonly EndToEndOptions Defaults = EndToEndOptions.Defaults;

    private readonly Option<IReadOnlyList<string>> _phases = PhaseListOption.Create(
        "Phases in run order: idle, steady.", Defaults.Phases, phase => phase is "idle" or "steady", "idle or steady");

    private readonly Option<int> _idleChanges = new("--idle-changes") { Description = "Changes of the idle phase.", HelpName = "N", DefaultValueFactory = _ => Defaults.IdleChanges };

    private readonly Option<double> _idleInterval = CheckedOptions.Number(
        "--idle-interval", "Seconds between the idle phase's changes.", min: 0, aboveMin: true, defaultValue: Defaults.IdleInterval.TotalSeconds, helpName: "S");

    private readonly Option<int> _rate = CheckedOptions.WholeNumber("--rate", "Changes per second of the steady phase.", 1, int.MaxValue, Defaults.Rate, "R");

    private readonly Option<int> _rateSeconds = new("--rate-seconds") { Description = "Length of the steady phase.", HelpName = "S", DefaultValueFactory = _ => Defaults.RateSeconds };

    private readonly Option<int> _warmUp = new("--warm-up") { Description = "A burst of changes before the phases, not measured.", HelpName = "N", DefaultValueFactory = _ => Defaults.WarmUpEvents };

    private readonly Option<int> _warmUpRate = CheckedOptions.WholeNumber(
        "--warm-up-rate", "Then R changes/s until compilation settles, reported as the cold figure.", 1, int.MaxValue, Defaults.WarmUpRate, "R");

    private readonly Option<int> _warmUpSeconds = CheckedOptions.WholeNumber(
        "--warm-up-seconds", "For S seconds (0: no paced warm-up).", 0, int.MaxValue, Defaults.WarmUpSeconds, "S");

    public EndToEndCommand()
        : base("e2e", "Kadoa → listener → queue → ingest → destination topic, every part its own process: latency per phase.")
    {
        Option[] options = [_phases, _idleChanges, _idleInterval, _rate, _rateSeconds, _warmUp, _warmUpRate, _warmUpSeconds];
        foreach (var option in options)
        {
            Options.Add(option);
        }

        SetAction(parseResult => CancellableRun.RunAsync(cancellationToken => EndToEndBenchmark.RunAsync(Read(parseResult), cancellationToken)));
    }

    public EndToEndOptions Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new(
            parseResult.GetRequiredValue(_phases),
            parseResult.GetValue(_idleChanges),
            TimeSpan.FromSeconds(parseResult.GetValue(_idleInterval)),
            parseResult.GetValue(_rate),
            parseResult.GetValue(_rateSeconds),
            parseResult.GetValue(_warmUp),
            parseResult.GetValue(_warmUpRate),
            parseResult.GetValue(_warmUpSeconds));
    }
}
