using System.Globalization;

namespace KadoaBridge.Bench.Processes;

/// <summary>
/// Resident memory of another process, read from Linux <c>/proc/{pid}/status</c> (cheap: one small file read), so a
/// benchmark can report each process of its arrangement alone.
/// </summary>
public sealed class ProcessMemory(int processId)
{
    /// <summary>Current resident memory (<c>VmRSS</c>), in MiB.</summary>
    public double MiB => Read("VmRSS:") / 1024.0;

    /// <summary>Peak resident memory since start or the last <see cref="ResetPeak"/> (<c>VmHWM</c>), in MiB.</summary>
    public double PeakMiB => Read("VmHWM:") / 1024.0;

    /// <summary>Resets the peak so the next phase measures its own (writes 5 to <c>/proc/{pid}/clear_refs</c>).</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{processId}/clear_refs", "5");

    private long Read(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
