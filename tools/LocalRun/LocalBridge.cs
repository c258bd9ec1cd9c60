using KadoaBridge.Azurite;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.KadoaSimulator;
using KadoaBridge.Listener;
using KadoaBridge.LocalRun.FunctionsHost;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.LocalRun;

/// <summary>
/// The whole bridge on one machine: the Aspire dashboard (unless turned off), Azurite (unless a storage connection string is given), the Kadoa simulator
/// (unless a real key is given), the Event Grid emulator with the <c>ingress</c> topic delivering into the
/// <c>ingress</c> queue as Event Grid does in Azure and the <c>changes</c> destination topic, the Functions app on its
/// local host, and the listener; every event accepted at a topic is printed as one line. Start it with
/// <see cref="StartAsync"/>; disposing stops everything in reverse order.
/// </summary>
public sealed partial class LocalBridge : IAsyncDisposable
{
    public const string IngressTopic = "ingress";
    public const string ChangesTopic = "changes";

    private readonly LocalRunOptions _options;
    private readonly List<(string Name, Func<ValueTask> Stop)> _stops = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private LocalBridge(LocalRunOptions options) => _options = options;

    /// <summary>The Azurite this run started; null when <see cref="LocalRunOptions.StorageConnectionString"/> was given.</summary>
    public AzuriteInstance? Azurite { get; private set; }

    /// <summary>The storage every component uses. Contains a key: never print it.</summary>
    public string StorageConnectionString { get; private set; } = "";

    /// <summary>The Kadoa simulator; null with a real Kadoa key.</summary>
    public Simulator? Kadoa { get; private set; }

    public Emulator EventGrid { get; private set; } = null!;

    /// <summary>The listener's base URL, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri ListenerUrl { get; private set; } = null!;

    /// <summary>The Functions app's HTTP functions, e.g. <c>http://127.0.0.1:7071/api/</c>; null when func start hosts them (<see cref="LocalRunOptions.StartFunctions"/> false).</summary>
    public Uri? FunctionsApiUrl => Functions?.ApiBase;

    /// <summary>The full path of the <c>local.settings.json</c> this run wrote for func start; null when it wrote none.</summary>
    public string? LocalSettingsPath { get; private set; }

    /// <summary>The simulated event stream; completes when the run stops (or at once when nothing is emitted).</summary>
    public Task Emitting { get; private set; } = Task.CompletedTask;

    /// <summary>The Functions app's local host; null when func start hosts it instead.</summary>
    internal FunctionsLocalHost? Functions { get; private set; }

    internal WebApplication Listener { get; private set; } = null!;

    /// <summary>Starts every component (each bound to 127.0.0.1; ports from the options, 0 = free) and the simulated events.</summary>
    public static async Task<LocalBridge> StartAsync(LocalRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var bridge = new LocalBridge(options);
        try
        {
            await bridge.StartCoreAsync(cancellationToken);
            return bridge;
        }
        catch
        {
            await bridge.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts, prints the banner and the events until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    public static async Task RunAsync(LocalRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bridge = await StartAsync(options, cancellationToken);
        try
        {
            await options.Output.WriteAsync(Banner.Render(bridge, options));
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C.
        }
        finally
        {
            await options.Output.WriteLineAsync("Stopping…");
            await bridge.DisposeAsync();
            await options.Output.WriteLineAsync("Stopped.");
        }
    }

    /// <summary>Stops the simulated events, the listener, the Functions host, the emulator, the simulator, Azurite and the dashboard: the reverse of the start order. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        for (var i = _stops.Count - 1; i >= 0; i--)
        {
            var (name, stop) = _stops[i];
            try
            {
                await stop();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Keep stopping the rest. Ctrl+C in a terminal also reaches Azurite, so storage may be gone already.
                var cause = e is AggregateException { InnerExceptions: [var first, ..] } ? first.GetBaseException() : e.GetBaseException();
                await _options.Output.WriteLineAsync($"{name} did not stop cleanly ({cause.GetType().Name}: {cause.Message}); a terminal's Ctrl+C also stops Azurite at once.");
            }
        }

        _stopping.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        await StartDashboardAsync(cancellationToken);
        if (_options.StorageConnectionString is { } storage)
        {
            StorageConnectionString = storage;
        }
        else
        {
            var azurite = await AzuriteInstance.StartAsync(cancellationToken);
            _stops.Add(("Azurite", azurite.DisposeAsync));
            Azurite = azurite;
            StorageConnectionString = azurite.ConnectionString;
        }

        if (_options.UsesSimulator)
        {
            var kadoa = await Simulator.StartAsync(new KadoaSimulatorOptions { ConfigureLogging = ConfigureLogging }, cancellationToken);
            _stops.Add(("Kadoa simulator", kadoa.DisposeAsync));
            Kadoa = kadoa;
        }

        var topics = new EventGridEmulatorOptions { EventAccepted = PrintEvent, ConfigureLogging = ConfigureLogging };
        topics.Topics.Add(new TopicOptions { Name = IngressTopic, Key = IngressKey });
        topics.Topics.Add(new TopicOptions { Name = ChangesTopic, Key = ChangesKey });
        var eventGrid = await Emulator.StartAsync(topics, cancellationToken);
        _stops.Add(("Event Grid emulator", eventGrid.DisposeAsync));
        EventGrid = eventGrid;
        eventGrid.AddSubscription(IngressTopic, new SubscriptionOptions
        {
            Name = IngressSubscription,
            StorageQueue = new StorageQueueDestination(StorageConnectionString, Core.Storage.QueueNames.Ingress),
        });

        if (_options.StartFunctions)
        {
            var functions = await FunctionsLocalHost.StartAsync(_options.ApiPort, FunctionsSettings(), ConfigureLogging, _options.QueueRetryDelay, queueRunVisibility: null, cancellationToken);
            _stops.Add(("Functions host", functions.DisposeAsync));
            Functions = functions;
        }

        if (_options.LocalSettingsPath is { } localSettings)
        {
            await WriteLocalSettingsAsync(localSettings, cancellationToken);
        }

        var listener = ListenerApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(ListenerSettings());
            builder.Logging.ClearProviders();
            ConfigureLogging(builder.Logging);
            builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        });
        try
        {
            await listener.StartAsync(cancellationToken);
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }

        _stops.Add(("Listener", () => StopListenerAsync(listener)));
        Listener = listener;
        ListenerUrl = new Uri(new Uri(listener.Urls.First()), "/");

        if (Kadoa is { } simulator && _options.EmitSimulatorEvents && _options.Rate > 0)
        {
            Emitting = SimulatorEmitter.RunAsync(simulator, _options.Rate, _options.Workflows, Listener.Services.GetRequiredService<ILogger<LocalBridge>>(), _stopping.Token);
            _stops.Add(("Simulated events", async () => await Emitting));
        }
    }

    /// <summary>The Functions settings this run would host the app with, as func start reads them.</summary>
    private async Task WriteLocalSettingsAsync(string path, CancellationToken cancellationToken)
    {
        // Every queue trigger's connection setting, from the catalog this host would run them from.
        var settings = FunctionsSettings();
        var catalog = FunctionCatalog.Discover(typeof(Functions.FunctionsServices).Assembly, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var queueConnections = catalog.Queue.Select(q => q.Connection).OfType<string>().Distinct(StringComparer.Ordinal);
        var values = LocalSettingsFile.Values(settings, queueConnections, StorageConnectionString);
        await LocalSettingsFile.WriteAsync(path, values, _options.OverwriteLocalSettings, cancellationToken);
        LocalSettingsPath = Path.GetFullPath(path);
    }

    private static async ValueTask StopListenerAsync(WebApplication listener)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await listener.StopAsync(grace.Token);
        await listener.DisposeAsync();
    }

    private void PrintEvent(string topic, AcceptedEvent accepted) => _options.Output.WriteLine(EventLines.Format(topic, accepted));
}
