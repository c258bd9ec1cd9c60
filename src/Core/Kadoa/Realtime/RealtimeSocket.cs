using System.Text;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// One socket to Kadoa as the receiver sees it: its transport (<see cref="IRealtimeTransport"/>), its heartbeat
/// watchdog, and why it ended (closed, heartbeat lost, draining, overflow).
/// </summary>
public sealed class RealtimeSocket : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<SocketOutcome> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IRealtimeTransport? _transport;
    private long _lastHeartbeat;
    private volatile bool _carriedEvents;

    private RealtimeSocket(int number, TimeProvider time)
    {
        Number = number;
        _time = time;
        _lastHeartbeat = time.GetTimestamp();
    }

    public int Number { get; }

    /// <summary>Completes when the socket should no longer be watched, with the reason.</summary>
    public Task<SocketOutcome> Ended => _ended.Task;

    /// <summary>Completes when the connection itself is gone (a drained socket keeps delivering until then).</summary>
    public Task Disconnected => _disconnected.Task;

    /// <summary>The delay Kadoa asked for in <c>control.draining</c>, when usable.</summary>
    public TimeSpan? DrainDelay { get; private set; }

    /// <summary>Set once the socket overflowed: later frames on it are dropped unread (Kadoa replays them from the cursor).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>True once an event frame arrived on this socket: the connection worked, so its end resets the backoff.</summary>
    public bool CarriedEvents => _carriedEvents;

    public TimeSpan SinceHeartbeat => _time.GetElapsedTime(Interlocked.Read(ref _lastHeartbeat));

    /// <summary>Opens the socket with a fresh token and subscribes to the team's channel, resuming after <paramref name="cursor"/>.</summary>
    public static async Task<RealtimeSocket> OpenAsync(
        IRealtimeTransportFactory transports, int number, Uri realtimeUrl, RealtimeToken token, string? cursor, TimeProvider time,
        Action<RealtimeSocket, ReceivedMessage> onFrame, CancellationToken cancellationToken)
    {
        var socket = new RealtimeSocket(number, time);
        var transport = transports.Create(number, realtimeUrl, token.AccessToken, frame => onFrame(socket, frame), socket.OnDisconnected);
        socket._transport = transport;
        try
        {
            await transport.ConnectAsync(cancellationToken);
            await transport.SendAsync(SubscribeFrame(token.TeamId, cursor), cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary><c>{"action":"subscribe","channel":…,"lastCursor":…}</c>, as PROTOCOL.md describes.</summary>
    public static string SubscribeFrame(string teamId, string? cursor)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("action", "subscribe");
            writer.WriteString("channel", teamId);
            if (cursor is not null)
            {
                writer.WriteString("lastCursor", cursor);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public void OnHeartbeat() => Interlocked.Exchange(ref _lastHeartbeat, _time.GetTimestamp());

    /// <summary>An event frame arrived (written once per socket, read when it ends).</summary>
    public void OnEvent()
    {
        if (!_carriedEvents)
        {
            _carriedEvents = true;
        }
    }

    public void OnDraining(TimeSpan? delay)
    {
        DrainDelay = delay;
        _ended.TrySetResult(SocketOutcome.Draining);
    }

    public void OnOverflow()
    {
        Overflowed = true;
        _ended.TrySetResult(SocketOutcome.Overflow);
    }

    public void OnHeartbeatLost() => _ended.TrySetResult(SocketOutcome.HeartbeatLost);

    /// <summary>
    /// Watches the heartbeat until the socket ends: a timer due when the last heartbeat is <paramref name="heartbeatTimeout"/>
    /// old, re-armed to the newer heartbeat when one came meanwhile, ends the socket as <see cref="SocketOutcome.HeartbeatLost"/>
    /// exactly when the window passes without one.
    /// </summary>
    public async Task<SocketOutcome> WatchAsync(TimeSpan heartbeatTimeout, CancellationToken cancellationToken)
    {
        ITimer? watchdog = null;
        watchdog = _time.CreateTimer(_ => CheckHeartbeat(watchdog!, heartbeatTimeout), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        using (watchdog)
        {
            CheckHeartbeat(watchdog, heartbeatTimeout);
            return await Ended.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Closes the socket normally (bounded by a timeout) and stops its frames.</summary>
    public async Task CloseAsync(string reason)
    {
        if (_transport is { } transport)
        {
            await transport.CloseAsync(reason);
        }

        Dispose();
    }

    public void Dispose()
    {
        _transport?.Dispose();
        OnDisconnected();
    }

    private void OnDisconnected()
    {
        _disconnected.TrySetResult();
        _ended.TrySetResult(SocketOutcome.Closed);
    }

    private void CheckHeartbeat(ITimer watchdog, TimeSpan heartbeatTimeout)
    {
        var remaining = heartbeatTimeout - SinceHeartbeat;
        if (remaining <= TimeSpan.Zero)
        {
            OnHeartbeatLost();
            return;
        }

        watchdog.Change(remaining, Timeout.InfiniteTimeSpan);
    }
}
