using KadoaBridge.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// Holds Kadoa's realtime connection: token per socket, subscribe with the cursor, heartbeat watchdog, drain with an
/// overlapping replacement, reconnect with backoff and jitter, a slow retry when the key is refused, and a pause
/// (no reading) while forwarding is behind. Hands every message to the <see cref="IFrameSink"/> and runs it beside.
/// </summary>
public sealed partial class RealtimeReceiver(
    KadoaTokenClient tokens,
    IFrameSink sink,
    ListenerState state,
    ListenerMetrics metrics,
    IOptions<KadoaOptions> options,
    TimeProvider time,
    ILogger<RealtimeReceiver> logger) : BackgroundService
{
    private readonly KadoaOptions _options = options.Value;
    private readonly ReconnectBackoff _backoff = new(options.Value.ReconnectMinDelay, options.Value.ReconnectMaxDelay);
    private int _sockets;
    private bool _keyRejected;
    private bool _checkpointLoaded;
    private Task _retiring = Task.CompletedTask;
    private RealtimeSocket? _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var forwarding = sink.RunAsync(stoppingToken);
        var receiving = ReceiveAsync(stoppingToken);
        var first = await Task.WhenAny(receiving, forwarding);
        if (stoppingToken.IsCancellationRequested)
        {
            state.SetState(ConnectionState.Stopped);
            await Task.WhenAll(receiving, forwarding).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        // Neither loop ends while the host runs: one that did can no longer forward anything. Say so and stop the host
        // (the process exits non-zero and the platform restarts it) rather than stay up looking alive while Kadoa's
        // backlog ages out.
        var part = first == receiving ? "the realtime receiver" : "the forwarding pipeline";
        var fault = first.Exception?.GetBaseException() ?? new InvalidOperationException($"{part} ended on its own.");
        state.OnStopped($"{part} stopped: {fault.GetType().Name}");
        Log.ListenerStopped(logger, part, fault);
        throw new InvalidOperationException($"The listener cannot forward any more: {part} stopped.", fault);
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReceiveUntilStoppedAsync(cancellationToken);
        }
        finally
        {
            await _retiring; // drained sockets still open close within a bounded time
        }
    }

    private async Task ReceiveUntilStoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await ReceiveOnceAsync(cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nothing we expect ends here (connect and checkpoint failures are handled where they happen): log
                    // the exception whole, start over with a new socket after the backoff.
                    metrics.OnUnexpectedFault();
                    if (_current is { } broken)
                    {
                        _current = null;
                        await broken.CloseAsync("unexpected fault");
                    }

                    await WaitAfterFaultAsync("receive loop", e, cancellationToken);
                }
            }
        }
        finally
        {
            if (_current is not null)
            {
                await _current.CloseAsync("listener stopping");
            }
        }
    }

    /// <summary>One turn: connect when there is no socket, watch it until it ends, then replace it or recover.</summary>
    private async Task ReceiveOnceAsync(CancellationToken cancellationToken)
    {
        _current ??= await ConnectAsync(cancellationToken);
        if (_current is { } socket)
        {
            var outcome = await WatchAsync(socket, cancellationToken);
            _current = outcome == SocketOutcome.Draining ? await ReplaceAsync(socket, cancellationToken) : null;
            if (outcome != SocketOutcome.Draining)
            {
                await RecoverAsync(socket, outcome, cancellationToken);
            }
        }
    }

    /// <summary>After a socket ended: pause until the pipeline catches up (overflow) or wait the backoff (loss).</summary>
    private async Task RecoverAsync(RealtimeSocket socket, SocketOutcome outcome, CancellationToken cancellationToken)
    {
        await socket.CloseAsync(outcome.ToString());
        if (outcome == SocketOutcome.Overflow)
        {
            state.SetState(ConnectionState.Paused);
            var (events, bytes) = sink.InFlight;
            Log.Paused(logger, events, bytes);
            await sink.WaitUntilHalfFreeAsync(cancellationToken);
            return;
        }

        var delay = NextDelay(socket);
        state.SetState(ConnectionState.WaitingToReconnect, $"socket {socket.Number} {outcome}");
        state.ExpectProgressWithin(delay);
        Log.SocketClosed(logger, socket.Number, outcome.ToString(), delay);
        await Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>Waits until the socket ends, checking the heartbeat a few times per timeout.</summary>
    private async Task<SocketOutcome> WatchAsync(RealtimeSocket socket, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, _options.HeartbeatTimeout.Ticks / 4));
        while (!socket.Ended.IsCompleted)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(period, time, tick.Token);
            await Task.WhenAny(socket.Ended, delay);
            await tick.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (!socket.Ended.IsCompleted && socket.SinceHeartbeat > _options.HeartbeatTimeout)
            {
                Log.HeartbeatLost(logger, socket.Number, _options.HeartbeatTimeout);
                socket.OnHeartbeatLost();
            }
        }

        return await socket.Ended;
    }

    /// <summary>
    /// Drain: wait what Kadoa asked (or the normal delay), open the replacement, then let the old socket run until
    /// Kadoa closes it (bounded); frames on both are deduplicated by the sink.
    /// </summary>
    private async Task<RealtimeSocket?> ReplaceAsync(RealtimeSocket draining, CancellationToken cancellationToken)
    {
        var delay = draining.DrainDelay ?? NextDelay(draining);
        Log.Draining(logger, draining.Number, delay);
        state.ExpectProgressWithin(delay);
        await Task.Delay(delay, time, cancellationToken);
        var replacement = await ConnectAsync(cancellationToken);
        _retiring = Task.WhenAll(_retiring, RetireAsync(draining, cancellationToken));
        return replacement;
    }

    /// <summary>Lets a drained socket deliver until Kadoa closes it, at most one heartbeat timeout, then closes it.</summary>
    private async Task RetireAsync(RealtimeSocket draining, CancellationToken cancellationToken)
    {
        try
        {
            await draining.Disconnected.WaitAsync(_options.HeartbeatTimeout, time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Kadoa did not close it in time, or we are stopping: close it ourselves.
        }

        await draining.CloseAsync("replaced after drain");
    }

    /// <summary>A socket that carried events, or stayed up long, proves the connection works: the wait starts from the minimum.</summary>
    private TimeSpan NextDelay(RealtimeSocket socket)
    {
        var longLived = state.ConnectedSince is { } since && time.GetUtcNow() - since >= _options.HealthyConnectionReset;
        return _backoff.NextAfterSocket(socket.CarriedEvents || longLived);
    }
}
