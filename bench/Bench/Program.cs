using BenchmarkDotNet.Running;
using KadoaBridge.Bench.Listener;

namespace KadoaBridge.Bench;

/// <summary>
/// <c>listener [--events N] [--rate R] [--rate-events N] [--snapshots N]</c>: end-to-end listener figures.
/// <c>ingest [events] [concurrency] [warm-up events]</c>: the ingest path in-process against Azurite.
/// <c>fuzz [--cases N] [--seed N]</c>: the readers and the frame decoder under random and mutated input (exit 1 on a failure).
/// <c>soak --minutes N [--rate R] [--seed S]</c>: the whole pipeline under scheduled faults; exit 1 on any loss.
/// Anything else goes to BenchmarkDotNet (e.g. <c>--filter '*RouteTable*'</c>).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "listener")
        {
            return await ListenerBenchmark.RunAsync(ListenerBenchmarkOptions.Parse(args[1..]));
        }

        if (args.Length > 0 && args[0] == "fuzz")
        {
            return await Fuzz.FuzzBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "soak")
        {
            return await Soak.SoakCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "ingest")
        {
            var events = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
            var concurrency = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 128;
            var warmUp = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 15_000;
            return await Ingest.IngestBenchmark.RunAsync(events, concurrency, warmUp);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
