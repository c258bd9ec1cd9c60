using BenchmarkDotNet.Running;
using KadoaBridge.Bench.Listener;

// listener [--events N] [--rate R] [--snapshots N]: end-to-end figures; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "listener")
{
    return await ListenerBenchmark.RunAsync(ListenerBenchmarkOptions.Parse(args[1..]));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
