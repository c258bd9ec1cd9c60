using KadoaBridge.Core.Ingest;
using KadoaBridge.LocalRun.FunctionsHost;

namespace KadoaBridge.LocalRun;

/// <summary>
/// <c>--functions-only</c>: only the Functions app on its local host (HTTP, queue and timer triggers), configured from
/// the environment alone (<c>Storage__ConnectionString</c>, <c>Routing__*</c>, <c>Kadoa__*</c>, …), so a soak or a
/// developer can run it as its own process beside a listener process. Starts nothing else: no Azurite, simulator,
/// emulator, listener or dashboard. Prints <see cref="ApiLinePrefix"/> and the API URL once it listens.
/// </summary>
internal static class FunctionsOnlyRun
{
    /// <summary>The line a parent process waits for: <c>Functions API: http://127.0.0.1:{port}/api/</c>.</summary>
    public const string ApiLinePrefix = "Functions API: ";

    /// <summary>Log categories held at Warning even with --verbose (a line per request or retry), as in the full local run.</summary>
    private static readonly string[] NoisyCategories = ["Microsoft.AspNetCore", "Microsoft.Hosting.Lifetime", "System.Net.Http.HttpClient", "Polly", "Azure"];

    public static async Task RunAsync(LocalRunOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.StorageConnectionString))
        {
            // Nothing is started for it: without a storage account the app has nowhere to keep anything.
            throw new InvalidOperationException("--functions-only needs Storage__ConnectionString in the environment (e.g. a running Azurite's).");
        }

        var level = options.Verbose ? LogLevel.Information : LogLevel.Warning;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // Configuration rules win over code rules in the host's logging: state the levels here too.
            ["Logging:LogLevel:Default"] = level.ToString(),
            ["Logging:LogLevel:Azure.Core"] = nameof(LogLevel.Error),
        };
        foreach (var noisy in NoisyCategories)
        {
            settings[$"Logging:LogLevel:{noisy}"] = nameof(LogLevel.Warning);
        }

        await using var functions = await FunctionsLocalHost.StartAsync(options.ApiPort, settings, logging =>
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
            logging.SetMinimumLevel(level);
        }, options.QueueRetryDelay, options.QueueRunVisibility, cancellationToken);
        await options.Output.WriteLineAsync(ApiLinePrefix + functions.ApiBase.AbsoluteUri);
        await options.Output.FlushAsync(cancellationToken);
        try
        {
            if (options.RedriveInterval is { } interval)
            {
                await RedriveEveryAsync(functions.Services, interval, cancellationToken);
            }
            else
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGTERM or Ctrl+C: the host stops below.
        }
    }

    /// <summary>
    /// The redrive timer's work more often than its every-minute schedule (which still runs too): a soak's drain then
    /// waits seconds, not minutes, for failed deliveries. Redrive is safe to run concurrently, as on several instances.
    /// </summary>
    private static async Task RedriveEveryAsync(IServiceProvider services, TimeSpan interval, CancellationToken cancellationToken)
    {
        var redrive = services.GetRequiredService<Redrive>();
        var logger = services.GetRequiredService<ILogger<Redrive>>();
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await redrive.RunOnceAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Storage down (a soak restarts Azurite): the next tick tries again, as the timer would.
                Log.TimerFailed(logger, "Redrive (--redrive-interval)", e);
            }
        }
    }
}
