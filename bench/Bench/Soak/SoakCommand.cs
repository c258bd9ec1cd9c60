using System.Runtime.InteropServices;

namespace KadoaBridge.Bench.Soak;

/// <summary><c>soak --minutes N [--rate R] [--seed S]</c>: runs the soak, prints its tables, exits 1 on any loss (2 on bad arguments).</summary>
public static class SoakCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        SoakOptions options;
        try
        {
            options = SoakOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        // Ctrl+C or SIGTERM cancels; the run's disposal still stops every process it started.
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        try
        {
            var result = await SoakRun.RunAsync(options, Console.Out, stop.Token);
            SoakReport.Print(result, Console.Out);
            return result.ExitCode;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Soak cancelled; every process it started was stopped.");
            return 130;
        }
    }
}
