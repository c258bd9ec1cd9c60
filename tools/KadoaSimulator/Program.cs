using System.Runtime.InteropServices;

namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// Standalone run: <c>dotnet run --project tools/KadoaSimulator -- [--port 5380] [--rate 2] [--workflows 3]
/// [--heartbeat-seconds 15]</c>. Prints the URLs and the API key, then emits <c>workflow_data_change</c> events at
/// the given rate (events per second, 0 = none) round-robin over the workflows until Ctrl+C.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(StandaloneArguments.Usage);
            return 0;
        }

        if (!StandaloneArguments.TryParse(args, out var arguments, out var error))
        {
            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync(StandaloneArguments.Usage);
            return 2;
        }

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
            Port = arguments.Port,
            ApiKey = arguments.ApiKey,
            TeamId = arguments.TeamId,
            HeartbeatInterval = TimeSpan.FromSeconds(arguments.HeartbeatSeconds),
            ConfigureLogging = logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information),
        };
        await using var simulator = await KadoaSimulator.StartAsync(options, stop.Token);
        Console.WriteLine($"Kadoa simulator (team {simulator.TeamId})");
        Console.WriteLine($"  REST API       {simulator.ApiBaseUrl}");
        Console.WriteLine($"  Realtime WSS   {simulator.RealtimeUrl}");
        Console.WriteLine($"  Realtime HTTP  {simulator.RealtimeHttpUrl}");
        Console.WriteLine($"  API key        {simulator.ApiKeyAccepted}");
        Console.WriteLine($"Emitting workflow_data_change at {arguments.Rate}/s over {arguments.Workflows} workflow(s). Ctrl+C to stop.");
        try
        {
            await EmitUntilStoppedAsync(simulator, arguments, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C.
        }

        Console.WriteLine($"Stopped after {simulator.Log.Count} event(s).");
        return 0;
    }

    private static async Task EmitUntilStoppedAsync(KadoaSimulator simulator, StandaloneArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Rate <= 0)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / arguments.Rate));
        var next = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var workflowId = $"wf-sim-{(next++ % arguments.Workflows) + 1:D4}";
            await simulator.EmitDataChangeAsync(workflowId, cancellationToken: cancellationToken);
        }
    }
}
