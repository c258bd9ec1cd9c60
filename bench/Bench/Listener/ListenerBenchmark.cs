using KadoaBridge.Azurite;
using KadoaBridge.Bench.Measurement;
using KadoaBridge.Bench.Relay;
using KadoaBridge.Bench.Sides;

namespace KadoaBridge.Bench.Listener;

/// <summary>
/// The listener in the real arrangement: Azurite, the Kadoa simulator, the Event Grid emulator and the listener each in
/// its own OS process; latency from the simulator's socket write to the emulator's acceptance. First the minimal relay
/// (<see cref="MinimalRelay"/>, also its own process, topic <c>relay</c>) runs the same warm-up and phases against the
/// same simulator and emulator, then it stops and the listener (topic <c>ingress</c>) runs them: the two never share a
/// phase, so they never compete for the CPU, and the listener's figures are reported as ratios against the relay's of
/// the same run. Not BenchmarkDotNet: this measures a running system, not a method.
/// </summary>
public static class ListenerBenchmark
{
    private const string ListenerTopic = "ingress";
    private const string RelayTopic = "relay";
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(ListenerBenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var phases = options.ToPhases();
        var directory = Directory.CreateTempSubdirectory("kadoa-bench-listener-").FullName;
        try
        {
            await using var azurite = await AzuriteInstance.StartAsync(cancellationToken);
            await using var kadoa = await KadoaProcess.StartAsync(Echo("kadoa"), cancellationToken);
            await using var eventGrid = await EventGridProcess.StartAsync([ListenerTopic, RelayTopic], [], null, Echo("eventgrid"), cancellationToken);
            Console.WriteLine($"Each in its own process: Azurite (pid {azurite.ProcessId}), Kadoa simulator (pid {kadoa.Side.Id}), Event Grid emulator (pid {eventGrid.Side.Id}); " +
                "then the relay, then the listener, one at a time. Latency = simulator's socket write → emulator's acceptance; memory = the measured process's resident set.");
            Console.WriteLine();
            IReadOnlyList<PhaseResult>? relay = null;
            if (options.Relay)
            {
                relay = await RunRelayAsync(kadoa, eventGrid, options, phases, directory, cancellationToken);
                ListenerReport.PrintTable("Minimal relay (reference, its own process)", relay);
                await kadoa.WaitForNoSubscriberAsync(SubscribeTimeout, cancellationToken);
            }

            var listener = await RunListenerAsync(azurite, kadoa, eventGrid, options, phases, directory, cancellationToken);
            ListenerReport.PrintTable("Listener (its own process)", listener);
            if (relay is not null)
            {
                ListenerReport.PrintRatios(listener, relay);
            }

            ListenerReport.PrintGoals(listener, phases);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<PhaseResult>> RunRelayAsync(
        KadoaProcess kadoa, EventGridProcess eventGrid, ListenerBenchmarkOptions options, IReadOnlyList<ListenerPhase> phases, string directory, CancellationToken cancellationToken)
    {
        var settings = new RelaySettings(kadoa.ApiBaseUrl, kadoa.ApiKey, kadoa.RealtimeUrl, kadoa.RealtimeHttpUrl,
            eventGrid.TopicEndpoint(RelayTopic), EventGridProcess.Key, Path.Combine(directory, "relay-cursor"));
        await using var relay = await SideProcess.StartAsync("relay", [], settings.ToEnvironment(), Echo("relay"), cancellationToken);
        await kadoa.WaitForSubscribersAsync(1, SubscribeTimeout, cancellationToken);
        return await RunPhasesAsync("relay", new PhaseRunner(kadoa, eventGrid, RelayTopic, relay.Memory, relay.Exit, directory), kadoa, options, phases, cancellationToken);
    }

    private static async Task<IReadOnlyList<PhaseResult>> RunListenerAsync(
        AzuriteInstance azurite, KadoaProcess kadoa, EventGridProcess eventGrid, ListenerBenchmarkOptions options, IReadOnlyList<ListenerPhase> phases, string directory,
        CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(kadoa.ClientEnvironment())
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["EventGrid__TopicEndpoint"] = eventGrid.TopicEndpoint(ListenerTopic).AbsoluteUri,
            ["EventGrid__TopicKey"] = EventGridProcess.Key,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var listener = ListenerProcess.Start(environment);
        await kadoa.WaitForSubscribersAsync(1, SubscribeTimeout, cancellationToken);
        return await RunPhasesAsync("listener", new PhaseRunner(kadoa, eventGrid, ListenerTopic, listener.Memory, listener.Exit, directory), kadoa, options, phases, cancellationToken);
    }

    private static async Task<IReadOnlyList<PhaseResult>> RunPhasesAsync(
        string who, PhaseRunner runner, KadoaProcess kadoa, ListenerBenchmarkOptions options, IReadOnlyList<ListenerPhase> phases, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"{who}: warm-up, a burst of {options.WarmUpEvents:N0} events, then {options.WarmUpRate:N0}/s for {options.WarmUpSeconds} s");
        List<PhaseResult> results = [];
        if (await runner.WarmUpAsync(options.WarmUpEvents, options.WarmUpRate, options.WarmUpSeconds, cancellationToken) is { } cold)
        {
            results.Add(cold);
        }

        foreach (var phase in phases)
        {
            await Console.Error.WriteLineAsync($"{who}: {phase.Title}, {phase.Count:N0} events");
            results.Add(await runner.RunAsync(phase.Title, phase.Count, token => phase.Key switch
            {
                "snapshots" => kadoa.SnapshotsAsync(phase.Count, phase.Bytes, token),
                "burst" => kadoa.BurstAsync(phase.Count, token),
                _ => kadoa.RateAsync(phase.PerSecond, phase.Count, token),
            }, cancellationToken));
        }

        return results;
    }

    private static Action<string> Echo(string who) => line => Console.Error.WriteLine($"  [{who}] {line}");
}
