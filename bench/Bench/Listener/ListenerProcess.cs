using System.Diagnostics;

namespace KadoaBridge.Bench.Listener;

/// <summary>The listener as its own process (as in production), so its memory is measured alone.</summary>
public sealed class ListenerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ListenerProcess(Process process) => _process = process;

    public static ListenerProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(KadoaBridge.Listener.ListenerApp).Assembly.Location)!, "KadoaBridge.Listener.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The listener did not start.");
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ListenerProcess(process);
    }

    /// <summary>Peak resident memory of the listener so far (Linux <c>VmHWM</c>), in MiB.</summary>
    public double PeakMemoryMiB => ReadStatus("VmHWM:") / 1024.0;

    /// <summary>Current resident memory (Linux <c>VmRSS</c>), in MiB.</summary>
    public double MemoryMiB => ReadStatus("VmRSS:") / 1024.0;

    /// <summary>Resets the peak so the next phase measures its own (writes 5 to /proc/pid/clear_refs).</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private long ReadStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine("  [listener] " + line);
        }
    }
}
