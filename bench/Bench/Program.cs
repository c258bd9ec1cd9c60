using BenchmarkDotNet.Running;
using KadoaBridge.Bench.Listener;

namespace KadoaBridge.Bench;

/// <summary>
/// <c>listener [--events N] [--rate R] [--rate-events N] [--snapshots N]</c>: end-to-end listener figures.
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

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
