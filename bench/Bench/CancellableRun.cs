using System.Runtime.InteropServices;

namespace KadoaBridge.Bench;

/// <summary>How <c>listener</c>, <c>e2e</c> and <c>soak</c> run: Ctrl+C or SIGTERM cancels, and every process the run started is stopped on the way out (exit 130).</summary>
internal static class CancellableRun
{
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        try
        {
            return await run(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; every process the run started was stopped.");
            return 130;
        }
    }
}
