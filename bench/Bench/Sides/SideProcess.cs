using System.Diagnostics;
using System.Text.Json;
using KadoaBridge.Bench.Processes;

namespace KadoaBridge.Bench.Sides;

/// <summary>
/// A stand-in in its own OS process: this bench's own dll re-launched as <c>dotnet KadoaBridge.Bench.dll side
/// {kind}</c> (<see cref="SideCommand"/>). It prints one JSON line when ready (its URLs), then answers each command line
/// written to its stdin with one line: <c>ok [value]</c> or <c>error {message}</c>. Disposing closes its stdin (it stops)
/// and kills it if it has not exited within 10 s.
/// </summary>
public sealed class SideProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private Task? _exit;
    private readonly string _kind;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SideProcess(Process process, string kind, JsonElement ready)
    {
        _process = process;
        _kind = kind;
        Ready = ready;
        Memory = new ProcessMemory(process.Id);
    }

    /// <summary>What the side printed when it was ready (its URLs, keys, …).</summary>
    public JsonElement Ready { get; }

    /// <summary>The side process's resident memory.</summary>
    public ProcessMemory Memory { get; }

    public int Id => _process.Id;

    /// <summary>Completes when the side exits, for whatever reason; throws if it exits.</summary>
    public Task Exit => _exit ??= ExitAsync(_process, "side " + _kind);

    /// <summary>Starts <c>side {kind} {arguments}</c> with <paramref name="environment"/> over this process's and waits for its ready line.</summary>
    /// <param name="output">Receives each line the side writes to stderr.</param>
    public static async Task<SideProcess> StartAsync(
        string kind, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string> output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(SideProcess).Assembly.Location);
        start.ArgumentList.Add("side");
        start.ArgumentList.Add(kind);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "0"; // two cores shared by every process: one heap each, as the listener runs
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"side {kind} did not start.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                output(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(StartTimeout, cancellationToken)
                ?? throw new InvalidOperationException($"side {kind} exited before it was ready (its stderr is above).");
            using var ready = JsonDocument.Parse(line);
            return new SideProcess(process, kind, ready.RootElement.Clone());
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and returns the value of its <c>ok</c> answer; throws on <c>error</c>, on exit or after <paramref name="timeout"/>.</summary>
    public async Task<string> SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            var reply = await _process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(timeout, cancellationToken)
                ?? throw new InvalidOperationException($"side {_kind} exited while running '{command}'.");
            return reply == "ok" ? string.Empty
                : reply.StartsWith("ok ", StringComparison.Ordinal) ? reply[3..]
                : throw new InvalidOperationException($"side {_kind}: '{command}' answered: {reply}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a command whose answer is a number.</summary>
    public async Task<long> SendForNumberAsync(string command, TimeSpan timeout, CancellationToken cancellationToken) =>
        long.Parse(await SendAsync(command, timeout, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Completes (by throwing) when <paramref name="process"/> exits: a process that is measured must not stop during a run.</summary>
    internal static async Task ExitAsync(Process process, string name)
    {
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"{name} (pid {process.Id}) exited with code {process.ExitCode} during the run (its output is above).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close(); // end of input: the side stops by itself
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
            {
                // Did not stop in time: killed below.
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        _gate.Dispose();
    }
}
