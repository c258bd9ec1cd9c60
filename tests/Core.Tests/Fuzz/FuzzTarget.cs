using System.Diagnostics;
using CsCheck;

namespace KadoaBridge.Fuzzing;

/// <summary>What one fuzz case did: accepted, or rejected naming a field (<see cref="Field"/>; for a frame, the reason).</summary>
/// <param name="Status">The HTTP status, when the case went through a function; 0 for a reader.</param>
public readonly record struct FuzzOutcome(bool Accepted, string? Field, string? Detail, int Status = 0)
{
    public static FuzzOutcome Accept(int status = 0) => new(true, null, null, status);

    public static FuzzOutcome Reject(string? field, string? detail, int status = 0) => new(false, field, detail, status);
}

/// <summary>The figures of one target's run: the bench prints them as a table row.</summary>
public sealed record FuzzReport(string Target, long Cases, long Rejected, long Accepted, IReadOnlyList<string> Failures, TimeSpan Elapsed)
{
    public long FailureCount { get; init; }
}

/// <summary>One input surface under fuzz. Non-generic so the bench can list targets of different input types.</summary>
public interface IFuzzTarget
{
    string Name { get; }

    /// <summary>Runs <paramref name="cases"/> cases from <paramref name="seed"/> sequentially; each case is bounded by <paramref name="caseTimeout"/>.</summary>
    Task<FuzzReport> RunAsync(long cases, ulong seed, TimeSpan caseTimeout, CancellationToken cancellationToken);
}

/// <summary>
/// A fuzz target: a generator of inputs and what to do with one. The properties checked for every case: nothing
/// escapes as an exception, no case runs longer than the bound (a hang), no answer is a 500 (or another status the
/// surface never gives), and every rejection names its field (<c>namesField</c>).
/// </summary>
public sealed class FuzzTarget<T>(
    string name, Gen<T> input, Func<T, ValueTask<FuzzOutcome>> run, Func<T, string> show, Func<T, string, bool> namesField, Func<T, FuzzOutcome, string?>? accepted = null)
    : IFuzzTarget
{
    /// <summary>Statuses a function may answer to any input (the upstreams here are unreachable: 502).</summary>
    private static readonly int[] AllowedStatuses = [0, 200, 201, 202, 204, 400, 404, 409, 412, 413, 415, 502];

    public string Name => name;

    public Gen<T> Input => input;

    /// <summary>The case's outcome and its problem (null when every property holds). Never throws.</summary>
    public async Task<(string? Problem, FuzzOutcome Outcome)> CheckAsync(T value, TimeSpan caseTimeout)
    {
        var task = Task.Run(async () => await run(value));
        try
        {
            await task.WaitAsync(caseTimeout);
        }
        catch (TimeoutException)
        {
            return ($"no answer within {caseTimeout.TotalSeconds:0.#} s (a hang)", default);
        }
        catch (Exception e)
        {
            return ($"threw {e.GetType().Name}: {e.Message}", default);
        }

        var outcome = task.Result;
        if (Array.IndexOf(AllowedStatuses, outcome.Status) < 0)
        {
            return ($"answered {outcome.Status}: {outcome.Detail}", outcome);
        }

        if (!outcome.Accepted)
        {
            if (string.IsNullOrWhiteSpace(outcome.Field) || !namesField(value, outcome.Field))
            {
                return ($"rejected without naming its field (field '{outcome.Field}'): {outcome.Detail}", outcome);
            }

            return (null, outcome);
        }

        return (accepted?.Invoke(value, outcome), outcome);
    }

    /// <summary>Synchronous check for CsCheck's <c>Sample</c>: throws with the problem (CsCheck then shrinks and reports the seed).</summary>
    public void Assert(T value)
    {
        var (problem, _) = CheckAsync(value, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        if (problem is not null)
        {
            throw new InvalidOperationException($"{name}: {problem}");
        }
    }

    public async Task<FuzzReport> RunAsync(long cases, ulong seed, TimeSpan caseTimeout, CancellationToken cancellationToken)
    {
        var pcg = new PCG(1, seed);
        var failures = new List<string>();
        long rejected = 0, acceptedCount = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < cases && !cancellationToken.IsCancellationRequested; i++)
        {
            var value = input.Generate(pcg, null, out _);
            var (problem, outcome) = await CheckAsync(value, caseTimeout);
            if (problem is not null)
            {
                failed++;
                if (failures.Count < 10)
                {
                    failures.Add($"case {i}: {problem}\n    input: {show(value)}");
                }

                continue;
            }

            _ = outcome.Accepted ? acceptedCount++ : rejected++;
        }

        return new FuzzReport(name, rejected + acceptedCount + failed, rejected, acceptedCount, failures, clock.Elapsed) { FailureCount = failed };
    }
}
