using KadoaBridge.Fuzzing;

namespace KadoaBridge.Bench.Fuzz;

/// <summary>
/// <c>fuzz [--cases N] [--seed N]</c> (<see cref="FuzzCommand"/>): every reader target of the fuzz suite (tests/Core.Tests/Fuzz) for N cases
/// (default 100,000) from one seed; prints target, cases, rejected, accepted, failures, seconds; exit code 1 on any failure.
/// </summary>
internal static class FuzzBenchmark
{
    public static async Task<int> RunAsync(long cases, ulong seed)
    {
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
