using System.Diagnostics;
using System.Globalization;
using KadoaBridge.Azurite;

namespace KadoaBridge.Bench.Soak;

/// <summary>The faults of the processes: kill -9 of the listener and of the Functions host, two listener replicas, an Azurite restart.</summary>
public sealed partial class SoakRun
{
    /// <summary>The exit code of a process killed by SIGKILL (128 + 9).</summary>
    private const int KilledExitCode = 137;

    private async Task KillListenerAsync(SoakFault fault, CancellationToken cancellationToken)
    {
        var listener = _listener ?? throw new InvalidOperationException("No listener to kill.");
        var before = Kadoa.Subscriptions.Count;
        var pid = listener.Id;
        var exitCode = await listener.KillAsync(cancellationToken);
        await listener.DisposeAsync();
        _listener = StartListener();
        var resubscribed = await WaitUntilAsync(() => Kadoa.Subscriptions.Count > before, ResubscribeTimeout, cancellationToken);
        fault.End = DateTimeOffset.UtcNow;
        fault.Happened = exitCode == KilledExitCode && resubscribed;
        fault.Evidence = $"pid {pid} exited with {exitCode}; the new listener (pid {_listener.Id}) " +
            (resubscribed ? $"subscribed {(fault.End - fault.Start).TotalSeconds:F1} s after the kill" : "did not subscribe");
    }

    private async Task KillFunctionsAsync(SoakFault fault, CancellationToken cancellationToken)
    {
        var functions = Functions;
        var pid = functions.Id;
        var port = functions.ApiBase.Port;
        var exitCode = await functions.KillAsync(cancellationToken);
        await functions.DisposeAsync();
        _functions = null;
        _functions = await StartFunctionsAsync(port, cancellationToken);
        fault.End = DateTimeOffset.UtcNow;
        fault.Happened = exitCode == KilledExitCode && !_functions.HasExited;
        fault.Evidence = $"pid {pid} exited with {exitCode}; the new host (pid {_functions.Id}) listened on port {port} {(fault.End - fault.Start).TotalSeconds:F1} s after the kill";
    }

    private async Task TwoListenersAsync(SoakFault fault, TimeSpan window, CancellationToken cancellationToken)
    {
        var replica = StartListener();
        _replica = replica;
        var pid = replica.Id;
        var both = await WaitUntilAsync(() => Kadoa.SubscribedSockets >= 2, ResubscribeTimeout, cancellationToken);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(window, cancellationToken);
        var stillBoth = Kadoa.SubscribedSockets >= 2;
        var exitCode = await replica.KillAsync(cancellationToken);
        await replica.DisposeAsync();
        _replica = null;
        fault.End = DateTimeOffset.UtcNow;
        fault.Happened = both && stillBoth;
        fault.Evidence = both
            ? $"two subscribed sockets from {(since - fault.Start).TotalSeconds:F1} s for {(fault.End - since).TotalSeconds:F1} s (still two at the end: {stillBoth}); the replica (pid {pid}) was killed, exit {exitCode}"
            : "the second replica never subscribed";
    }

    /// <summary>
    /// Stops Azurite with SIGTERM (it saves its data and exits), keeps it down for half a window (at most 5 s), and starts
    /// it again on the same ports from the same folder. SIGKILL would lose the writes of its last few seconds, which real
    /// storage never does once it answered, so the soak would count losses Azure cannot have.
    /// </summary>
    private async Task RestartAzuriteAsync(SoakFault fault, TimeSpan window, CancellationToken cancellationToken)
    {
        var azurite = Azurite;
        var pid = azurite.ProcessId;
        var restart = azurite.RestartOptions;
        using (var signal = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync(cancellationToken);
        }

        var exited = await WaitUntilAsync(() => !System.IO.Directory.Exists($"/proc/{pid}"), TimeSpan.FromSeconds(30), cancellationToken);
        await azurite.DisposeAsync();
        var down = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromTicks(Math.Min(window.Ticks / 2, TimeSpan.FromSeconds(5).Ticks)), cancellationToken);
        _azurite = await AzuriteInstance.StartAsync(restart, cancellationToken);
        fault.End = DateTimeOffset.UtcNow;
        fault.Happened = exited && _azurite.ProcessId != pid;
        fault.Evidence = (exited ? $"pid {pid} exited on SIGTERM" : $"pid {pid} did not exit on SIGTERM within 30 s and was killed") +
            $"; down {(fault.End - down).TotalSeconds:F1} s; pid {_azurite.ProcessId} listens on the same ports (blob {restart.BlobPort}, queue {restart.QueuePort}, table {restart.TablePort})";
    }
}
