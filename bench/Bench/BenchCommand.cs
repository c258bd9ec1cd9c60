using System.CommandLine;
using BenchmarkDotNet.Running;
using KadoaBridge.Bench.EndToEnd;
using KadoaBridge.Bench.Fuzz;
using KadoaBridge.Bench.Ingest;
using KadoaBridge.Bench.Listener;
using KadoaBridge.Bench.Sides;
using KadoaBridge.Bench.Soak;

namespace KadoaBridge.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Bench -- COMMAND [options]</c>: <c>listener</c>, <c>e2e</c>, <c>ingest</c>,
/// <c>fuzz</c>, <c>soak</c>, and the hidden <c>side</c> the benchmarks start as their own processes. Anything else goes
/// to BenchmarkDotNet (e.g. <c>--filter '*RouteTable*'</c>).
/// </summary>
internal sealed class BenchCommand : RootCommand
{
    private const string Summary = """
        Measures the hot path: the listener end to end, the in-process stages with BenchmarkDotNet, and the whole pipeline under chaos (soak).

        Anything that is not a command goes to BenchmarkDotNet, e.g. --filter '*RouteTable*' (BenchmarkDotNet's own help: put -- before --help).
        """;

    public BenchCommand()
        : base(Summary)
    {
        Subcommands.Add(new ListenerCommand());
        Subcommands.Add(new EndToEndCommand());
        Subcommands.Add(new IngestCommand());
        Subcommands.Add(new FuzzCommand());
        Subcommands.Add(new SoakCommand());
        Subcommands.Add(new SideCommand());

        // BenchmarkDotNet's own options (--filter, --job, --list, …) are not ours: from the first one on, every token is
        // passed to it as it stands, while a command's own unknown options stay errors.
        var benchmarkDotNetArguments = new Argument<string[]>("benchmarkdotnet-arguments")
        {
            Description = "Arguments for BenchmarkDotNet, e.g. --filter '*RouteTable*'.",
            Arity = ArgumentArity.ZeroOrMore,
            CaptureRemainingTokens = true,
        };
        Arguments.Add(benchmarkDotNetArguments);
        SetAction(parseResult =>
        {
            BenchmarkSwitcher.FromAssembly(typeof(BenchCommand).Assembly).Run(parseResult.GetValue(benchmarkDotNetArguments) ?? []);
            return 0;
        });
    }
}
