using System.Runtime.InteropServices;
using BenchmarkDotNet.Running;
using KadoaBridge.Bench.EndToEnd;
using KadoaBridge.Bench.Listener;
using KadoaBridge.Bench.Sides;

namespace KadoaBridge.Bench;

/// <summary>
/// <c>listener [--phases snapshots,burst,steady500,steady2000] [--events N] [--snapshots N] [--rate R] [--rate-seconds S] [--no-relay] …</c>:
/// the listener and the minimal relay (the reference), each in its own process (see <see cref="ListenerBenchmarkOptions.Usage"/>).
/// <c>e2e [--phases idle,steady] [--idle-changes N] [--rate R] …</c>: Kadoa → listener → queue → ingest → destination topic, every part its own process.
/// <c>ingest [events] [concurrency] [warm-up events]</c>: the ingest path in-process against Azurite, and Azurite's ceiling for its writes.
/// <c>fuzz [--cases N] [--seed N]</c>: the readers and the frame decoder under random and mutated input (exit 1 on a failure).
/// <c>soak --minutes N [--rate R] [--seed S]</c>: the whole pipeline under scheduled faults; exit 1 on any loss.
/// <c>side kadoa|eventgrid|relay</c>: a stand-in the benchmarks start as its own process (<see cref="SideHost"/>).
/// Anything else goes to BenchmarkDotNet (e.g. <c>--filter '*RouteTable*'</c>).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "side":
                return await SideHost.RunAsync(args[1..]);
            case "listener":
                return await RunCancellableAsync(() => ListenerBenchmarkOptions.Parse(args[1..]), ListenerBenchmark.RunAsync);
            case "e2e":
                return await RunCancellableAsync(() => EndToEndOptions.Parse(args[1..]), EndToEndBenchmark.RunAsync);
            case "fuzz":
                return await Fuzz.FuzzBenchmark.RunAsync(args[1..]);
            case "soak":
                return await Soak.SoakCommand.RunAsync(args[1..]);
            case "ingest":
                var events = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
                var concurrency = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 128;
                var warmUp = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 15_000;
                return await Ingest.IngestBenchmark.RunAsync(events, concurrency, warmUp);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
                return 0;
        }
    }

    /// <summary>Exit 2 on bad arguments; Ctrl+C or SIGTERM cancels the run, and every process it started is stopped on the way out (130).</summary>
    private static async Task<int> RunCancellableAsync<TOptions>(Func<TOptions> parse, Func<TOptions, CancellationToken, Task<int>> run)
    {
        TOptions options;
        try
        {
            options = parse();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        try
        {
            return await run(options, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; every process the run started was stopped.");
            return 130;
        }
    }
}
