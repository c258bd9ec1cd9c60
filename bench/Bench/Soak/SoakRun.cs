using System.Collections.Concurrent;
using System.Globalization;
using KadoaBridge.Azurite;
using KadoaBridge.Bench.Listener;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.KadoaSimulator;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.Bench.Soak;

/// <summary>
/// The whole pipeline under chaos. Azurite, the listener (one or two replicas) and the Functions app run as their own
/// processes; the Kadoa simulator and the Event Grid emulator (ingress topic delivering into the <c>ingress</c> queue,
/// destination topics <c>changes</c> and <c>audit</c>) are stand-ins for external services, in this process. Changes are
/// emitted at a steady rate with bursts while faults are injected on a schedule scaled to the run; then the run waits
/// for the pipeline to drain and compares what was emitted with what each topic, history, poison, dead letters and
/// quarantine hold. Disposing stops every process it started.
/// </summary>
public sealed partial class SoakRun : IAsyncDisposable
{
    public const string IngressTopic = "ingress";
    private const string IngressKey = "soak-ingress-key";
    private const string DestinationKey = "soak-destination-key";
    private const string IngressSubscription = "ingress-to-queue";

    /// <summary>Kadoa's heartbeat in the soak (every second) and the listener's watchdog (5 s), so a stall is noticed quickly.</summary>
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(5);


    private readonly SoakOptions _options;
    private readonly TextWriter _output;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly ConcurrentQueue<EmittedChange> _emitted = new();
    private readonly List<SoakFault> _faults = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private AzuriteInstance? _azurite;
    private Simulator? _kadoa;
    private Emulator? _eventGrid;
    private ListenerProcess? _listener;
    private ListenerProcess? _replica;
    private FunctionsProcess? _functions;
    private readonly TaskCompletionSource _faultsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _listenerStarts;
    private int _disposed;
    private bool _logClosed;

    private SoakRun(SoakOptions options, TextWriter output, string directory)
    {
        _options = options;
        _output = output;
        Directory = directory;
        _log = new StreamWriter(Path.Combine(directory, "soak.log")) { AutoFlush = true };
    }

    /// <summary>Where this run keeps its log (<c>soak.log</c>: every process's output and each fault) and Azurite's data.</summary>
    public string Directory { get; }

    private Simulator Kadoa => _kadoa ?? throw new InvalidOperationException("Not started.");

    private Emulator EventGrid => _eventGrid ?? throw new InvalidOperationException("Not started.");

    private AzuriteInstance Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    private FunctionsProcess Functions => _functions ?? throw new InvalidOperationException("Not started.");

    /// <summary>Runs the soak: start, warm up, emit with faults, drain, compare. Every process it started is stopped when it returns or throws.</summary>
    public static async Task<SoakResult> RunAsync(SoakOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var directory = Path.Combine(Path.GetTempPath(), "kadoa-soak-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(directory);
        await using var run = new SoakRun(options, output, directory);
        await output.WriteLineAsync($"Soak: {options.Minutes} min at {options.Rate}/s with bursts of {options.Burst}, seed {options.Seed}; log and data in {directory}");
        await run.StartAsync(cancellationToken);
        await run.WarmUpAsync(cancellationToken);
        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(run.EmitChangesAsync(cancellationToken), run.InjectFaultsAsync(cancellationToken));
        run.Note($"emitting stopped after {(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s: {run._emitted.Count} changes; faults done");
        var drain = await run.DrainAsync(cancellationToken);
        return await run.CollectAsync(drain, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Every process first (they are the ones that outlive a crashed test), then the in-process stand-ins.
        foreach (var stop in new Func<ValueTask>[]
        {
            () => _replica?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => _listener?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => _functions?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => _azurite?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => _eventGrid?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => _kadoa?.DisposeAsync() ?? ValueTask.CompletedTask,
        })
        {
            try
            {
                await stop();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException or AggregateException)
            {
                Note($"stopping: {e.GetType().Name}: {e.Message}");
            }
        }

        _http.Dispose();
        try
        {
            System.IO.Directory.Delete(Path.Combine(Directory, "azurite"), recursive: true);
        }
        catch (IOException)
        {
            // Kept: the log says where.
        }

        lock (_logGate)
        {
            _logClosed = true;
        }

        await _log.DisposeAsync();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var data = Path.Combine(Directory, "azurite");
        System.IO.Directory.CreateDirectory(data);
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { Location = data }, cancellationToken);
        _kadoa = await Simulator.StartAsync(new KadoaSimulatorOptions { HeartbeatInterval = HeartbeatInterval }, cancellationToken);
        var topics = new EventGridEmulatorOptions();
        topics.Topics.Add(new TopicOptions { Name = IngressTopic, Key = IngressKey });
        foreach (var destination in SoakRouting.Destinations)
        {
            topics.Topics.Add(new TopicOptions { Name = destination, Key = DestinationKey });
        }

        _eventGrid = await Emulator.StartAsync(topics, cancellationToken);

        // As tools/LocalRun/LocalBridge.cs: Event Grid delivers the ingress topic into the ingress queue; retries start at
        // 1 s (Event Grid's are 10 s) so an Azurite restart costs seconds.
        _eventGrid.AddSubscription(IngressTopic, new SubscriptionOptions
        {
            Name = IngressSubscription,
            StorageQueue = new StorageQueueDestination(_azurite.ConnectionString, Core.Storage.QueueNames.Ingress),
            InitialRetryDelay = TimeSpan.FromSeconds(1),
        });

        _functions = await StartFunctionsAsync(port: 0, cancellationToken);
        foreach (var (name, rule) in SoakRouting.Rules())
        {
            using var body = new StringContent(rule.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var response = await _http.PutAsync(new Uri(Functions.ApiBase, "routes/" + name), body, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"PUT /api/routes/{name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        _listener = StartListener();
        await Kadoa.WaitForSubscribersAsync(1, TimeSpan.FromSeconds(90), cancellationToken);
        Note("started: Azurite, simulator, emulator, Functions host, listener");
    }

    private Task<FunctionsProcess> StartFunctionsAsync(int port, CancellationToken cancellationToken) =>
        FunctionsProcess.StartAsync(FunctionsEnvironment(), port, FunctionsTimings, line => Note("[functions] " + line), cancellationToken);

    /// <summary>
    /// Redrive every 3 s; a failed message back after 2 s. A running message stays invisible 5 min (the local host's
    /// default; Azure's host holds it up to 10 min) in runs of 5 minutes or more, 45 s in shorter ones, so the
    /// messages a killed host held come back within the drain (45 s is still longer than any run under the faults).
    /// </summary>
    private FunctionsTimings FunctionsTimings => new(
        TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), _options.Duration >= TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(45));

    private ListenerProcess StartListener()
    {
        var number = Interlocked.Increment(ref _listenerStarts);
        return ListenerProcess.Start(ListenerEnvironment(), line => Note($"[listener#{number}] {line}"));
    }

    private Dictionary<string, string> ListenerEnvironment() => new(KadoaEnvironment())
    {
        ["Storage__ConnectionString"] = Azurite.ConnectionString,
        ["EventGrid__TopicEndpoint"] = EventGrid.GetTopicEndpoint(IngressTopic).AbsoluteUri,
        ["EventGrid__TopicKey"] = IngressKey,
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["Kadoa__HeartbeatTimeout"] = HeartbeatTimeout.ToString(),
        ["Forwarding__RetryMaxDelay"] = "00:00:05",
    };

    private Dictionary<string, string> FunctionsEnvironment()
    {
        var environment = new Dictionary<string, string>(KadoaEnvironment())
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Routing__DefaultDestination"] = SoakRouting.Changes,
            ["Routing__RulesRefreshInterval"] = "00:00:01",
            ["Routing__RedriveBaseDelay"] = "00:00:01",
            ["Routing__RedriveMaxDelay"] = "00:00:10",
        };
        foreach (var destination in SoakRouting.Destinations)
        {
            environment[$"Routing__Destinations__{destination}__Endpoint"] = EventGrid.GetTopicEndpoint(destination).AbsoluteUri;
            environment[$"Routing__Destinations__{destination}__Key"] = DestinationKey;
        }

        return environment;
    }

    private Dictionary<string, string> KadoaEnvironment() => new(StringComparer.Ordinal)
    {
        ["Kadoa__ApiKey"] = Kadoa.ApiKeyAccepted,
        ["Kadoa__ApiBaseUrl"] = Kadoa.ApiBaseUrl.AbsoluteUri,
        ["Kadoa__RealtimeUrl"] = Kadoa.RealtimeUrl.AbsoluteUri,
        ["Kadoa__RealtimeHttpUrl"] = Kadoa.RealtimeHttpUrl.AbsoluteUri,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Azure.Core"] = "Error",
        ["DOTNET_gcServer"] = "0", // two cores shared by everything: one heap per process, not per core
    };

    /// <summary>One line in the soak log (thread-safe; the processes' output comes here too).</summary>
    private void Note(string line)
    {
        lock (_logGate)
        {
            if (!_logClosed)
            {
                _log.WriteLine(DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture) + line);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds (true) or <paramref name="timeout"/> passes (false).</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }

        return true;
    }
}
