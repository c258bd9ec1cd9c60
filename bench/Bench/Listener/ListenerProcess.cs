using System.Diagnostics;
using KadoaBridge.Bench.Processes;

namespace KadoaBridge.Bench.Listener;

/// <summary>The listener as its own process (as in production), so its memory is measured alone and it can be killed.</summary>
public sealed class ListenerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private Task? _exit;

    private ListenerProcess(Process process)
    {
        _process = process;
        Memory = new ProcessMemory(process.Id);
    }

    /// <summary>The OS process id.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Throws when the listener exits.</summary>
    public Task Exit => _exit ??= Sides.SideProcess.ExitAsync(_process, "the listener");

    /// <summary>Starts <c>dotnet KadoaBridge.Listener.dll</c> with <paramref name="environment"/> over this process's.</summary>
    /// <param name="output">Receives each line the listener writes. Default: stderr, prefixed <c>[listener]</c>.</param>
    public static ListenerProcess Start(IReadOnlyDictionary<string, string> environment, Action<string>? output = null)
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(KadoaBridge.Listener.ListenerApp).Assembly.Location)!, "KadoaBridge.Listener.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var echo = output ?? Echo;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The listener did not start.");
        process.OutputDataReceived += (_, e) => Forward(e.Data, echo);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, echo);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ListenerProcess(process);
    }

    /// <summary>The listener's resident memory (current, peak, peak reset).</summary>
    public ProcessMemory Memory { get; }

    /// <summary>kill -9 (<see cref="Process.Kill(bool)"/> sends SIGKILL on Unix): no shutdown code runs. Returns the exit code (137).</summary>
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

    private static void Forward(string? line, Action<string> echo)
    {
        if (!string.IsNullOrEmpty(line))
        {
            echo(line);
        }
    }

    private static void Echo(string line) => Console.Error.WriteLine("  [listener] " + line);
}
