using System.CommandLine;
using KadoaBridge.CommandLine;

namespace KadoaBridge.Bench.Listener;

/// <summary><c>bench -- listener [options]</c>: the minimal relay, then the listener, each in its own process (<see cref="ListenerBenchmark"/>).</summary>
internal sealed class ListenerCommand : Command
{
    private static readonly ListenerBenchmarkOptions Defaults = ListenerBenchmarkOptions.Defaults;

    private readonly Option<IReadOnlyList<string>> _phases = PhaseListOption.Create(
        "Phases in run order: snapshots, burst, steady<rate>.",
        Defaults.Phases,
        key => key is "snapshots" or "burst" || ListenerPhase.SteadyRate(key) is not null,
        "snapshots, burst or steady<rate> (e.g. steady500)");

    private readonly Option<int> _events = new("--events") { Description = "Small changes in the burst.", HelpName = "N", DefaultValueFactory = _ => Defaults.BurstEvents };

    private readonly Option<int> _snapshots = new("--snapshots") { Description = "Large changes back to back.", HelpName = "N", DefaultValueFactory = _ => Defaults.Snapshots };

    private readonly Option<int> _snapshotBytes = new("--snapshot-bytes") { Description = "Size of each.", HelpName = "B", DefaultValueFactory = _ => Defaults.SnapshotBytes };

    // One steady rate instead of the default two (the option's meaning before there were two).
    private readonly Option<int> _rate = CheckedOptions.WholeNumber(
        "--rate", "One steady phase at R events/s instead of the steady phases of --phases.", 1, int.MaxValue, helpName: "R");

    private readonly Option<int> _rateSeconds = new("--rate-seconds") { Description = "Length of each steady phase.", HelpName = "S", DefaultValueFactory = _ => Defaults.RateSeconds };

    private readonly Option<int?> _rateEvents = new("--rate-events") { Description = "Events of each steady phase instead (default: rate × seconds).", HelpName = "N" };

    private readonly Option<int> _warmUp = new("--warm-up") { Description = "A burst of small changes before the phases, not measured.", HelpName = "N", DefaultValueFactory = _ => Defaults.WarmUpEvents };

    private readonly Option<int> _warmUpRate = CheckedOptions.WholeNumber(
        "--warm-up-rate", "Then R events/s until compilation settles, reported as the cold figure.", 1, int.MaxValue, Defaults.WarmUpRate, "R");

    private readonly Option<int> _warmUpSeconds = CheckedOptions.WholeNumber(
        "--warm-up-seconds", "For S seconds (0: no paced warm-up).", 0, int.MaxValue, Defaults.WarmUpSeconds, "S");

    private readonly Option<bool> _noRelay = new("--no-relay") { Description = "Measure the listener alone, without the minimal relay as the reference." };

    public ListenerCommand()
        : base("listener", "The minimal relay (the reference), then the listener, each its own process: latency and memory per phase.")
    {
        Option[] options = [_phases, _events, _snapshots, _snapshotBytes, _rate, _rateSeconds, _rateEvents, _warmUp, _warmUpRate, _warmUpSeconds, _noRelay];
        foreach (var option in options)
        {
            Options.Add(option);
        }

        SetAction(parseResult => CancellableRun.RunAsync(cancellationToken => ListenerBenchmark.RunAsync(Read(parseResult), cancellationToken)));
    }

    public ListenerBenchmarkOptions Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var phases = parseResult.GetRequiredValue(_phases);
        if (parseResult.GetResult(_rate) is not null)
        {
            phases = [.. phases.Where(p => ListenerPhase.SteadyRate(p) is null), "steady" + parseResult.GetValue(_rate).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        return new(
            phases,
            parseResult.GetValue(_events),
            parseResult.GetValue(_snapshots),
            parseResult.GetValue(_snapshotBytes),
            parseResult.GetValue(_rateSeconds),
            parseResult.GetValue(_rateEvents),
            parseResult.GetValue(_warmUp),
            parseResult.GetValue(_warmUpRate),
            parseResult.GetValue(_warmUpSeconds),
            Relay: !parseResult.GetValue(_noRelay));
    }
}
