using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// A development stand-in for Azure Event Grid custom topics with the CloudEvents 1.0 input schema: the real
/// publish API (so <c>EventGridPublisherClient</c> works against it), fault injection, and push delivery to
/// Storage queues and webhooks with Event Grid's retry behaviour. Binds 127.0.0.1 only.
/// </summary>
public sealed partial class EventGridEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, TopicState> _topics;
    private readonly ConcurrentDictionary<string, SubscriptionDispatcher> _subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly PublishHandler _publish;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _webhookClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _disposed;
    private bool _started;

    private EventGridEmulator(EventGridEmulatorOptions options)
    {
        _timeProvider = options.TimeProvider;
        _topics = new Dictionary<string, TopicState>(StringComparer.OrdinalIgnoreCase);
        foreach (var topic in options.Topics)
        {
            ValidateTopic(topic);
            if (!_topics.TryAdd(topic.Name, new TopicState(topic, _timeProvider)))
            {
                throw new ArgumentException($"Topic '{topic.Name}' is configured twice.", nameof(options));
            }
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EventGridEmulator).Assembly.GetName().Name,
        });

        // Isolated from the host process: no appsettings.json, environment variables or command line of a test
        // host may add endpoints (Kestrel:Endpoints, ASPNETCORE_URLS) or logging to the emulator.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
        });
        _app = builder.Build();
        _logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KadoaBridge.EventGridEmulator");
        _publish = new PublishHandler(_topics, options.EventAccepted, _timeProvider, _logger, _stopping.Token);
        _app.MapPost("/topics/{topic}/api/events", (RequestDelegate)_publish.HandleAsync);
        _webhookClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout (SubscriptionOptions.DeliveryTimeout)
        };
    }

    /// <summary>The port the emulator listens on, on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Publish requests received so far, whatever their outcome.</summary>
    public long TotalRequests => _publish.TotalRequests;

    /// <summary>Starts an emulator on 127.0.0.1 with the configured topics.</summary>
    public static async Task<EventGridEmulator> StartAsync(EventGridEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        var emulator = new EventGridEmulator(options);
        try
        {
            await emulator.StartServerAsync(cancellationToken);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>The topic endpoint to give <c>EventGridPublisherClient</c>: <c>http://127.0.0.1:{port}/topics/{topic}/api/events</c>.</summary>
    public Uri GetTopicEndpoint(string topic) => new(BaseAddress, $"topics/{Uri.EscapeDataString(GetTopic(topic).Name)}/api/events");

    /// <summary>The topic's access key (for <c>AzureKeyCredential</c> / the <c>aeg-sas-key</c> header).</summary>
    public string GetTopicKey(string topic) => GetTopic(topic).Key;

    /// <summary>Stops the server and every delivery loop; events queued or waiting for a retry are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_started)
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(stopTimeout.Token);
        }

        await Task.WhenAll(_subscriptions.Values.Select(s => s.StopAsync()));
        await _app.DisposeAsync();
        _webhookClient.Dispose();
        _stopping.Dispose();
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken);
        _started = true;
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Port = new Uri(address).Port;
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        Log.EmulatorStarted(_logger, BaseAddress, _topics.Count);
    }

    private TopicState GetTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return _topics.TryGetValue(topic, out var state)
            ? state
            : throw new ArgumentException($"Unknown topic '{topic}'; configured: {string.Join(", ", _topics.Keys)}.", nameof(topic));
    }

    private static void ValidateTopic(TopicOptions topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (string.IsNullOrEmpty(topic.Name) || !topic.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Topic name '{topic.Name}' must be letters, digits and '-'.", nameof(topic));
        }

        if (string.IsNullOrEmpty(topic.Key))
        {
            throw new ArgumentException($"Topic '{topic.Name}' needs a non-empty Key.", nameof(topic));
        }
    }
}
