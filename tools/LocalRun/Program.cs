using System.Runtime.InteropServices;
using System.Text;
using KadoaBridge.CommandLine;
using Microsoft.Extensions.Options;

namespace KadoaBridge.LocalRun;

/// <summary>
/// <c>dotnet run --project tools/LocalRun -- [--rate 1] [--workflows 3] [--port-api 7071] [--port-listener 5080] [--no-simulator-events] [--no-dashboard] [--verbose]</c>,
/// or <c>-- --functions-only [--port-api 0] [--redrive-interval 5] [--queue-retry-delay 2]</c> for the Functions app alone.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var command = new LocalRunCommand();
        command.SetAction(parseResult => RunAsync(command.ApplyTo(parseResult, LocalRunOptions.FromEnvironment())));
        return CommandLineInvocation.InvokeAsync(command, args);
    }

    private static async Task<int> RunAsync(LocalRunOptions options)
    {
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            if (options.FunctionsOnly)
            {
                options.Validate();
                await FunctionsOnlyRun.RunAsync(options, stop.Token);
            }
            else
            {
                await LocalBridge.RunAsync(options, stop.Token);
            }

            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0; // stopped while starting
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OptionsValidationException or TimeoutException or ArgumentException)
        {
            // Start-up problems the user fixes: a port in use, Azurite not installed, a missing setting.
            await Console.Error.WriteLineAsync($"The local run could not start: {e.Message}");
            await Console.Error.WriteLineAsync("A port in use? Choose others with --port-api and --port-listener. Azurite missing? Run 'npm ci' at the repository root.");
            return 1;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
