using System.Diagnostics;
using System.Globalization;

namespace KadoaBridge.Bench.Soak;

/// <summary>How the Functions host redrives and retries (tools/LocalRun --functions-only options); null leaves host.json's behaviour.</summary>
/// <param name="RedriveInterval">Redrive every this long besides the every-minute timer. Null: only the timer.</param>
/// <param name="QueueRetryDelay">A failed queue message comes back after this long. Null: host.json's <c>visibilityTimeout</c>.</param>
/// <param name="QueueRunVisibility">A running message stays invisible this long; so do a killed host's messages. Null: the local host's 5 min.</param>
public sealed record FunctionsTimings(TimeSpan? RedriveInterval, TimeSpan? QueueRetryDelay, TimeSpan? QueueRunVisibility)
{
    /// <summary>Nothing overridden: the host runs as host.json says (what a latency measurement wants).</summary>
    public static FunctionsTimings HostJson { get; } = new(null, null, null);
}

/// <summary>
/// The Functions app as its own process: <c>dotnet KadoaBridge.LocalRun.dll --functions-only</c>, the repository's local
/// Functions host (the real function classes, queue polling as host.json says, timers), configured from its environment.
/// </summary>
public sealed class FunctionsProcess : IAsyncDisposable
{
    /// <summary>What <c>--functions-only</c> prints once it listens (tools/LocalRun FunctionsOnlyRun.ApiLinePrefix).</summary>
    private const string ApiLinePrefix = "Functions API: ";

    private readonly Process _process;
    private Task? _exit;

    private FunctionsProcess(Process process, Uri apiBase)
    {
        _process = process;
        ApiBase = apiBase;
    }

    /// <summary>The HTTP functions, <c>http://127.0.0.1:{port}/api/</c>.</summary>
    public Uri ApiBase { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Throws when the host exits.</summary>
    public Task Exit => _exit ??= Sides.SideProcess.ExitAsync(_process, "the Functions host");

    /// <summary>Starts the host on <paramref name="port"/> (0 = free) and waits (at most 90 s) until it prints its API URL.</summary>
    public static async Task<FunctionsProcess> StartAsync(
        IReadOnlyDictionary<string, string> environment, int port, FunctionsTimings timings, Action<string> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var dll = Path.Combine(AppContext.BaseDirectory, "KadoaBridge.LocalRun.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--functions-only", "--port-api", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (option, value) in new[]
        {
            ("--redrive-interval", timings.RedriveInterval),
            ("--queue-retry-delay", timings.QueueRetryDelay),
            ("--queue-run-visibility", timings.QueueRunVisibility),
        })
        {
            if (value is { } seconds)
            {
                start.ArgumentList.Add(option);
                start.ArgumentList.Add(seconds.TotalSeconds.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The Functions host did not start.");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("The Functions host exited before listening (its output is in the soak log)."));
            }
            else if (e.Data.StartsWith(ApiLinePrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(new Uri(e.Data[ApiLinePrefix.Length..].Trim()));
            }
            else if (e.Data.Length > 0)
            {
                output(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                output(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new FunctionsProcess(process, await ready.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>kill -9: no shutdown code runs (queue messages in flight become visible again after their timeout). Returns the exit code.</summary>
    public async Task<int> KillAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
