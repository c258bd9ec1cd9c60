using System.Globalization;
using KadoaBridge.Azurite;
using KadoaBridge.Bench.Listener;
using KadoaBridge.Bench.Measurement;
using KadoaBridge.Bench.Sides;
using KadoaBridge.Bench.Soak;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Bench.EndToEnd;

/// <summary>
/// Kadoa → listener → ingress topic → Storage queue → ingest → destination topic, each part its own OS process: Azurite
/// (two: one for the queues, one for tables and blobs),
/// the Kadoa simulator, the Event Grid emulator (topic <c>ingress</c> delivered into the queue <c>ingress</c> as in
/// tools/LocalRun, and the destination topic <c>changes</c>), the listener, and the Functions app on
/// <c>tools/LocalRun -- --functions-only</c> with host.json's settings (no overrides). Latency: the simulator's socket
/// write → acceptance on <c>changes</c>.
/// <para>
/// The queue is polled as the Functions host does; checked against the Azure WebJobs Storage Queues extension's
/// <c>QueueListener</c>: at least 100 ms between polls of an empty queue (<c>QueuePollingIntervals.Minimum</c>), doubling
/// up to host.json's <c>maxPollingInterval</c> (1 s here; the local host reads it, default 1 min as in the host), back to
/// the minimum as soon as a poll finds messages; <c>batchSize</c> messages per receive, the next batch once the messages
/// in flight drop to <c>newBatchThreshold</c> (so up to 32 + 224 = 256 at once), as the local pump
/// (tools/LocalRun/FunctionsHost/QueueTriggerPump.cs) does too. One difference: the real host randomizes each backoff
/// step by ±20 %. Event Grid's own delivery delay into the queue is not modelled: the emulator delivers at once.
/// </para>
/// </summary>
public static class EndToEndBenchmark
{
    private const string IngressTopic = "ingress";
    private const string DestinationTopic = "changes";

    /// <summary>Issue #13: p99 when idle (one change every 10 s).</summary>
    private static readonly TimeSpan IdleGoal = TimeSpan.FromSeconds(2);

    /// <summary>Issue #13: p99 at 500 changes/s.</summary>
    private static readonly TimeSpan SteadyGoal = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(EndToEndOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateTempSubdirectory("kadoa-bench-e2e-").FullName;
        try
        {
            // Queues on an Azurite of their own: one Azurite runs every service on one Node.js thread, which a few hundred
            // changes a second saturate (Azure Storage has no such shared thread); tables and blobs stay on the first.
            // The queues' Azurite keeps its data on disk: in memory it stores every message as an extent of its own, and
            // its collector (every minute) deletes the extents of deleted messages at a cost that grows with the square of
            // their number, holding its only thread for seconds at 250 changes/s and for minutes at 500 (measured: an idle
            // change waited 21 s behind it). On disk messages share extent files, and the collector has little to do.
            await using var azurite = await AzuriteInstance.StartAsync(cancellationToken);
            await using var queueAzurite = await AzuriteInstance.StartAsync(new AzuriteOptions { Location = Path.Combine(directory, "queues") }, cancellationToken);
            var storage = azurite.ConnectionString.Replace(azurite.QueueEndpoint.AbsoluteUri, queueAzurite.QueueEndpoint.AbsoluteUri, StringComparison.Ordinal);
            if (storage == azurite.ConnectionString)
            {
                throw new InvalidOperationException("The Azurite connection string does not name its queue endpoint as expected.");
            }

            await using var kadoa = await KadoaProcess.StartAsync(Echo("kadoa"), cancellationToken);
            await using var eventGrid = await EventGridProcess.StartAsync(
                [IngressTopic, DestinationTopic], [(IngressTopic, QueueNames.Ingress)], storage, Echo("eventgrid"), cancellationToken);
            var common = new Dictionary<string, string>(kadoa.ClientEnvironment())
            {
                ["Storage__ConnectionString"] = storage,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Azure.Core"] = "Error",
                ["DOTNET_gcServer"] = "0", // two cores shared by every process: one heap each
            };
            await using var functions = await FunctionsProcess.StartAsync(new Dictionary<string, string>(common)
            {
                ["Routing__DefaultDestination"] = DestinationTopic,
                [$"Routing__Destinations__{DestinationTopic}__Endpoint"] = eventGrid.TopicEndpoint(DestinationTopic).AbsoluteUri,
                [$"Routing__Destinations__{DestinationTopic}__Key"] = EventGridProcess.Key,
            }, port: 0, FunctionsTimings.HostJson, Echo("functions"), cancellationToken);
            await using var listener = ListenerProcess.Start(new Dictionary<string, string>(common)
            {
                ["EventGrid__TopicEndpoint"] = eventGrid.TopicEndpoint(IngressTopic).AbsoluteUri,
                ["EventGrid__TopicKey"] = EventGridProcess.Key,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            });
            await kadoa.WaitForSubscribersAsync(1, TimeSpan.FromSeconds(90), cancellationToken);
            Console.WriteLine($"Each in its own process: Azurite for tables and blobs (pid {azurite.ProcessId}) and for queues (pid {queueAzurite.ProcessId}), Kadoa simulator (pid {kadoa.Side.Id}), Event Grid emulator (pid {eventGrid.Side.Id}), " +
                $"listener (pid {listener.Id}), Functions host (pid {functions.Id}). Latency = simulator's socket write → acceptance on the destination topic.");
            Console.WriteLine();

            var runner = new PhaseRunner(kadoa, eventGrid, DestinationTopic, memory: null, Task.WhenAny(listener.Exit, functions.Exit).Unwrap(), directory, stageTopic: IngressTopic);
            await Console.Error.WriteLineAsync($"e2e: warm-up, a burst of {options.WarmUpEvents:N0} changes, then {options.WarmUpRate:N0}/s for {options.WarmUpSeconds} s");
            List<(PhaseResult Result, TimeSpan? Goal)> results = [];
            if (await runner.WarmUpAsync(options.WarmUpEvents, options.WarmUpRate, options.WarmUpSeconds, cancellationToken) is { } cold)
            {
                results.Add((cold, null)); // a cold start's figure, for the reader: the goals are for a running bridge
            }

            foreach (var phase in options.Phases)
            {
                if (phase == "idle" && options.IdleChanges > 0)
                {
                    var title = string.Create(CultureInfo.InvariantCulture, $"idle: one change every {options.IdleInterval.TotalSeconds:0.#} s");
                    await Console.Error.WriteLineAsync($"e2e: {title}, {options.IdleChanges} changes");
                    results.Add((await runner.RunAsync(title, options.IdleChanges, async token =>
                    {
                        await Task.Delay(options.IdleInterval, token); // the first change too finds the pipeline idle (the queue poll backed off)
                        await kadoa.RateAsync(1 / options.IdleInterval.TotalSeconds, options.IdleChanges, token);
                    }, cancellationToken), IdleGoal));
                }
                else if (phase == "steady" && options.RateSeconds > 0)
                {
                    var count = options.Rate * options.RateSeconds;
                    var title = string.Create(CultureInfo.InvariantCulture, $"steady {options.Rate:N0} changes/s");
                    await Console.Error.WriteLineAsync($"e2e: {title}, {count:N0} changes");
                    results.Add((await runner.RunAsync(title, count, token => kadoa.RateAsync(options.Rate, count, token), cancellationToken), SteadyGoal));
                }
            }

            Print(results);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Print(List<(PhaseResult Result, TimeSpan? Goal)> results)
    {
        Console.WriteLine("**End to end** (Kadoa → listener → ingress topic → Storage queue → ingest → destination topic)");
        Console.WriteLine();
        Console.WriteLine("| phase | changes | p50 ms | p99 ms | max ms | goal: p99 ≤ | goal | of which to the ingress topic: p50 / p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var (r, goal) in results)
        {
            var (goalText, verdict) = goal is { } g
                ? (string.Create(CultureInfo.InvariantCulture, $"{g.TotalSeconds:0.#} s"), r.P99 <= g.TotalMilliseconds ? "met" : "NOT met")
                : ("—", "—");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Phase} | {r.Events:N0} | {r.P50:N0} | {r.P99:N0} | {r.Max:N0} | {goalText} | {verdict} | {r.StageP50:N0} / {r.StageP99:N0} |"));
        }
    }

    private static Action<string> Echo(string who) => line => Console.Error.WriteLine($"  [{who}] {line}");
}
