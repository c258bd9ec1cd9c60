using KadoaBridge.EventGridEmulator;
using KadoaBridge.KadoaSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KadoaBridge.Listener.Tests;

/// <summary>
/// The listener in-process between the Kadoa simulator and the Event Grid emulator, with Azurite behind: the real
/// protocol, the real publish API, real storage. Every log line is captured so tests can look for secrets.
/// </summary>
public sealed class BridgeHarness : IAsyncDisposable
{
    public const string Topic = "ingress";

    private readonly Dictionary<string, string?> _settings;
    private readonly List<FakeLogRecord> _logs = [];
    private readonly KadoaSimulatorOptions _kadoaOptions;
    private FakeLogCollector? _collector;

    private BridgeHarness(KadoaSimulator.KadoaSimulator kadoa, KadoaSimulatorOptions kadoaOptions, EventGridEmulator.EventGridEmulator eventGrid, Dictionary<string, string?> settings)
    {
        _kadoaOptions = kadoaOptions;
        Kadoa = kadoa;
        EventGrid = eventGrid;
        _settings = settings;
    }

    public KadoaSimulator.KadoaSimulator Kadoa { get; }

    public EventGridEmulator.EventGridEmulator EventGrid { get; }

    public WebApplication? Listener { get; private set; }

    public string TeamId => _kadoaOptions.TeamId;

    public string ApiKey => _kadoaOptions.ApiKey;

    public string StorageConnectionString => _settings["Storage:ConnectionString"]!;

    /// <summary>Every log record of every listener this harness ran.</summary>
    public IReadOnlyList<FakeLogRecord> Logs
    {
        get
        {
            lock (_logs)
            {
                return [.. _logs, .. _collector?.GetSnapshot() ?? []];
            }
        }
    }

    public IReadOnlyDictionary<string, int> IngressIdCounts => EventGrid.GetAcceptedIdCounts(Topic);

    public static async Task<BridgeHarness> StartAsync(
        AzuriteFixture azurite,
        Action<KadoaSimulatorOptions>? configureKadoa = null,
        IDictionary<string, string?>? settings = null,
        bool startListener = true)
    {
        var kadoaOptions = new KadoaSimulatorOptions { TeamId = "team-" + Guid.NewGuid().ToString("N")[..12], HeartbeatInterval = TimeSpan.FromMilliseconds(200) };
        configureKadoa?.Invoke(kadoaOptions);
        var kadoa = await KadoaSimulator.KadoaSimulator.StartAsync(kadoaOptions);
        var eventGridOptions = new EventGridEmulatorOptions();
        eventGridOptions.Topics.Add(new TopicOptions { Name = Topic, Key = "ingress-key-" + Guid.NewGuid().ToString("N")[..8] });
        var eventGrid = await EventGridEmulator.EventGridEmulator.StartAsync(eventGridOptions);
        var all = new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = kadoaOptions.ApiKey,
            ["Kadoa:ApiBaseUrl"] = kadoa.ApiBaseUrl.AbsoluteUri,
            ["Kadoa:RealtimeUrl"] = kadoa.RealtimeUrl.AbsoluteUri,
            ["Kadoa:RealtimeHttpUrl"] = kadoa.RealtimeHttpUrl.AbsoluteUri,
            ["Kadoa:HeartbeatTimeout"] = "00:00:01.5",
            ["Kadoa:ReconnectMinDelay"] = "00:00:00.050",
            ["Kadoa:ReconnectMaxDelay"] = "00:00:00.500",
            ["Kadoa:RejectedKeyRetryDelay"] = "00:00:02",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["EventGrid:TopicEndpoint"] = eventGrid.GetTopicEndpoint(Topic).AbsoluteUri,
            ["EventGrid:TopicKey"] = eventGrid.GetTopicKey(Topic),
            ["Forwarding:RetryMinDelay"] = "00:00:00.050",
            ["Forwarding:RetryMaxDelay"] = "00:00:00.500",
            ["Forwarding:StatusInterval"] = "00:00:00.500",
            ["urls"] = "http://127.0.0.1:0",
            // Everything is captured, so the secrets test sees what a verbose production log would hold.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Polly"] = "Trace",
            ["Logging:LogLevel:Azure"] = "Trace",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var harness = new BridgeHarness(kadoa, kadoaOptions, eventGrid, all);
        if (startListener)
        {
            await harness.StartListenerAsync();
        }

        return harness;
    }

    /// <summary>Starts a listener (again, after a stop: it resumes from the stored checkpoint).</summary>
    public async Task StartListenerAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateListener(configure);
        await app.StartAsync();
        Listener = app;
    }

    /// <summary>A listener with this harness's settings and log capture, not started (the caller runs and disposes it).</summary>
    public WebApplication CreateListener(Action<WebApplicationBuilder>? configure = null)
    {
        var app = ListenerApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddFakeLogging(options => options.OutputSink = _ => { });
            configure?.Invoke(builder);
        });
        _collector = app.Services.GetFakeLogCollector();
        return app;
    }

    /// <summary>Stops the listener. Abrupt: no grace, in-flight work is dropped as in a crash.</summary>
    public async Task StopListenerAsync(bool abrupt = false)
    {
        if (Listener is null)
        {
            return;
        }

        using var grace = abrupt ? new CancellationTokenSource(TimeSpan.Zero) : new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Listener.StopAsync(grace.Token);
        await Listener.DisposeAsync();
        Listener = null;
        lock (_logs)
        {
            _logs.AddRange(_collector?.GetSnapshot() ?? []);
            _collector = null;
        }
    }

    public T Service<T>()
        where T : notnull => Listener!.Services.GetRequiredService<T>();

    public Uri ListenerUrl => new(Listener!.Urls.First());

    public async ValueTask DisposeAsync()
    {
        await StopListenerAsync();
        await Kadoa.DisposeAsync();
        await EventGrid.DisposeAsync();
    }
}
