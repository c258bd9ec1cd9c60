using System.Globalization;
using KadoaBridge.Fuzzing;

namespace KadoaBridge.Bench.Fuzz;

/// <summary>
/// <c>fuzz [--cases N] [--seed N]</c>: every reader target of the fuzz suite (tests/Core.Tests/Fuzz) for N cases
/// (default 100,000) from one seed; prints target, cases, rejected, accepted, failures, seconds; exit code 1 on any failure.
/// </summary>
internal static class FuzzBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        long cases = 100_000;
        ulong seed = (ulong)Environment.TickCount64;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--cases": cases = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = ulong.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; fuzz takes --cases N and --seed N.");
            }
        }

        Console.WriteLine($"fuzz: {cases:N0} cases per target, seed {seed}");
        Console.WriteLine($"{"target",-16} {"cases",10} {"rejected",10} {"accepted",10} {"failures",9} {"seconds",8}");
        var failed = false;
        foreach (var target in ReaderTargets.All)
        {
            var report = await target.RunAsync(cases, seed, TimeSpan.FromSeconds(10), CancellationToken.None);
            Console.WriteLine($"{report.Target,-16} {report.Cases,10:N0} {report.Rejected,10:N0} {report.Accepted,10:N0} {report.FailureCount,9:N0} {report.Elapsed.TotalSeconds,8:0.0}");
            foreach (var failure in report.Failures)
            {
                Console.WriteLine("  " + failure);
            }

            failed |= report.FailureCount > 0;
        }

        return failed ? 1 : 0;
    }
}
