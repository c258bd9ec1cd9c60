using System.Runtime.InteropServices;
using KadoaBridge.CommandLine;

namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// Standalone run: <c>dotnet run --project tools/KadoaSimulator -- [--port 5380] [--rate 2] [--workflows 3]
/// [--heartbeat-seconds 15]</c>. Prints the URLs and the API key, then emits <c>workflow_data_change</c> events at
/// the given rate (events per second, 0 = none) round-robin over the workflows until Ctrl+C.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var command = new StandaloneCommand();
        command.SetAction(parseResult => RunAsync(command.Read(parseResult)));
        return CommandLineInvocation.InvokeAsync(command, args);
    }

    private static async Task<int> RunAsync(StandaloneOptions standalone)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var options = new KadoaSimulatorOptions
        {
            Port = standalone.Port,
            ApiKey = standalone.ApiKey,
            TeamId = standalone.TeamId,
            HeartbeatInterval = TimeSpan.FromSeconds(standalone.HeartbeatSeconds),
            ConfigureLogging = logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information),
        };
        await using var simulator = await KadoaSimulator.StartAsync(options, stop.Token);
        Console.WriteLine($"Kadoa simulator (team {simulator.TeamId})");
        Console.WriteLine($"  REST API       {simulator.ApiBaseUrl}");
        Console.WriteLine($"  Realtime WSS   {simulator.RealtimeUrl}");
        Console.WriteLine($"  Realtime HTTP  {simulator.RealtimeHttpUrl}");
        Console.WriteLine($"  API key        {simulator.ApiKeyAccepted}");
        Console.WriteLine($"Emitting workflow_data_change at {standalone.Rate}/s over {standalone.Workflows} workflow(s). Ctrl+C to stop.");
        try
        {
            await EmitUntilStoppedAsync(simulator, standalone, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C.
        }

        Console.WriteLine($"Stopped after {simulator.Log.Count} event(s).");
        return 0;
    }

    private static async Task EmitUntilStoppedAsync(KadoaSimulator simulator, StandaloneOptions standalone, CancellationToken cancellationToken)
    {
        if (standalone.Rate <= 0)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / standalone.Rate));
        var next = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var workflowId = $"wf-sim-{(next++ % standalone.Workflows) + 1:D4}";
            await simulator.EmitDataChangeAsync(workflowId, cancellationToken: cancellationToken);
        }
    }
}
