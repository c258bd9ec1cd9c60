using System.CommandLine;

namespace KadoaBridge.Bench.Fuzz;

/// <summary><c>bench -- fuzz [--cases N] [--seed N]</c>: the readers and the frame decoder under random and mutated input (<see cref="FuzzBenchmark"/>).</summary>
internal sealed class FuzzCommand : Command
{
    private readonly Option<long> _cases = new("--cases") { Description = "Cases per target.", HelpName = "N", DefaultValueFactory = _ => 100_000 };

    private readonly Option<ulong?> _seed = new("--seed") { Description = "Seed of every target's cases (default: from the clock).", HelpName = "N" };

    public FuzzCommand()
        : base("fuzz", "The readers and the frame decoder under random and mutated input; exit 1 on a failure.")
    {
        Options.Add(_cases);
        Options.Add(_seed);
        SetAction(parseResult => FuzzBenchmark.RunAsync(parseResult.GetValue(_cases), parseResult.GetValue(_seed) ?? (ulong)Environment.TickCount64));
    }
}
