using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;

namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// In-process stand-in for Kadoa's realtime feed (token, WebSocket, heartbeats, drain, acks, cursor replay) and its
/// provisioning REST API, on 127.0.0.1. Start it with <see cref="StartAsync"/>, drive it with the emit and fault
/// methods, observe it through the snapshot properties. Thread-safe.
/// </summary>
public sealed partial class KadoaSimulator : IAsyncDisposable
{
    private const string DataChangeType = "workflow_data_change";

    private readonly KadoaSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<LoggedEvent> _log = [];
    private readonly List<SimulatorSocket> _sockets = [];
    private readonly List<SimulatorSocket> _subscribers = [];
    private readonly List<SubscribeRecord> _subscriptions = [];
    private readonly ConcurrentDictionary<string, int> _acks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Request, DateTimeOffset At)> _requestLog = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ProvisioningStore _provisioning;
    private readonly ChangeStore _changes = new();
    private WebApplication? _app;
    private ILogger _logger = NullLogger.Instance;
    private Task _heartbeatLoop = Task.CompletedTask;
    private TaskCompletionSource _changed = NewSignal();
    private long _sequence;
    private int _disposed;

    private KadoaSimulator(KadoaSimulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _apiKeyAccepted = options.ApiKey;
        _provisioning = new ProvisioningStore(options.TimeProvider);
    }

    /// <summary>REST base, <c>http://127.0.0.1:{port}</c> (<c>/v4/oauth2/token</c>, <c>/v5/...</c>).</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>Realtime socket, <c>ws://127.0.0.1:{port}/realtime</c>; clients append <c>?access_token=...</c>.</summary>
    public Uri RealtimeUrl { get; private set; } = null!;

    /// <summary>Realtime HTTP base, <c>http://127.0.0.1:{port}/realtime</c>; acks go to <c>{this}/api/v1/events/ack</c>.</summary>
    public Uri RealtimeHttpUrl { get; private set; } = null!;

    /// <summary>The team id tokens carry and sockets must subscribe to.</summary>
    public string TeamId => _options.TeamId;

    /// <summary>Starts a simulator listening on 127.0.0.1 (<see cref="KadoaSimulatorOptions.Port"/>, 0 = a free port).</summary>
    public static async Task<KadoaSimulator> StartAsync(KadoaSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var simulator = new KadoaSimulator(options);
        try
        {
            await simulator.StartCoreAsync(cancellationToken);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Aborts every socket, stops the host. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        AbortAllSockets();
        try
        {
            await _heartbeatLoop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        if (_app is not null)
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stopTimeout.Token);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SignalChanged() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static string FormatCursor(long sequence) => "cur-" + sequence.ToString("D8");

    private static bool TryParseCursor(string cursor, out long sequence)
    {
        sequence = 0;
        return cursor.StartsWith("cur-", StringComparison.Ordinal) && long.TryParse(cursor.AsSpan(4), out sequence) && sequence >= 0;
    }
}
