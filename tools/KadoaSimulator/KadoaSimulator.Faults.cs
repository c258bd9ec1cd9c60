using System.Net.WebSockets;

namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    private volatile bool _heartbeatsPaused;
    private int _heartbeatTicks;

    /// <summary>While true no heartbeat frames are sent; sockets stay open (a stalled feed). Default: false.</summary>
    public bool HeartbeatsPaused
    {
        get => _heartbeatsPaused;
        set => _heartbeatsPaused = value;
    }

    /// <summary>Heartbeat timer ticks so far, paused ones included (lets a test wait for "an interval passed").</summary>
    public int HeartbeatTicks => Volatile.Read(ref _heartbeatTicks);

    /// <summary>
    /// Retires the sockets open now: sends <c>{"type":"control.draining","retryAfterMs":N,"timestamp":ms}</c>, keeps
    /// delivering events to them for <paramref name="closeAfter"/>, then closes them normally (queued frames first).
    /// Sockets opened meanwhile are unaffected. Completes once the close frames are queued (also when cancelled).
    /// </summary>
    public async Task DrainAsync(int retryAfterMs, TimeSpan closeAfter, CancellationToken cancellationToken = default)
    {
        var frame = EnvelopeWriter.Draining(retryAfterMs, _time.GetUtcNow());
        List<SimulatorSocket> draining;
        lock (_gate)
        {
            draining = _sockets.Where(socket => !socket.IsDraining && !socket.IsClosing).ToList();
            foreach (var socket in draining)
            {
                socket.IsDraining = true;
                socket.Enqueue(OutboundFrame.Text(frame));
            }
        }

        SimulatorLog.DrainStarted(_logger, draining.Count, retryAfterMs);
        try
        {
            if (closeAfter > TimeSpan.Zero)
            {
                await Task.Delay(closeAfter, _time, cancellationToken);
            }
        }
        finally
        {
            lock (_gate)
            {
                foreach (var socket in draining)
                {
                    _subscribers.Remove(socket);
                    socket.RequestClose(WebSocketCloseStatus.NormalClosure, "draining");
                }
            }

            SignalChanged();
        }
    }

    /// <summary>Drops every socket's TCP connection at once, without a close frame.</summary>
    public void AbortAllSockets()
    {
        SimulatorSocket[] sockets;
        lock (_gate)
        {
            sockets = [.. _sockets];
            _subscribers.Clear();
        }

        foreach (var socket in sockets)
        {
            socket.Abort();
        }

        if (sockets.Length > 0)
        {
            SimulatorLog.SocketsAborted(_logger, sockets.Length);
        }

        SignalChanged();
    }

    private async Task RunHeartbeatsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Interlocked.Increment(ref _heartbeatTicks);
                lock (_gate)
                {
                    // Checked under the lock: once a caller set the flag and emitted an event, no heartbeat can
                    // be queued behind that event.
                    if (_heartbeatsPaused || _subscribers.Count == 0)
                    {
                        continue;
                    }

                    var frame = EnvelopeWriter.Heartbeat(_time.GetUtcNow());
                    foreach (var socket in _subscribers)
                    {
                        socket.Enqueue(OutboundFrame.Text(frame));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
