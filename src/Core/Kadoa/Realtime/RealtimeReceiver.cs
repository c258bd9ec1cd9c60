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
    IRealtimeTransportFactory transports,
    IOptions<KadoaOptions> options,
    TimeProvider time,
    ILogger<RealtimeReceiver> logger) : BackgroundService
{
    private readonly KadoaOptions _options = options.Value;
    private readonly ReconnectPacing _pacing = new(options.Value, state, time);
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

        var delay = _pacing.AfterSocket(socket);
        state.SetState(ConnectionState.WaitingToReconnect, $"socket {socket.Number} {outcome}");
        state.ExpectProgressWithin(delay);
        Log.SocketClosed(logger, socket.Number, outcome.ToString(), delay);
        await Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>Waits until the socket ends; no heartbeat within the timeout ends it (see <see cref="RealtimeSocket.WatchAsync"/>).</summary>
    private async Task<SocketOutcome> WatchAsync(RealtimeSocket socket, CancellationToken cancellationToken)
    {
        var outcome = await socket.WatchAsync(_options.HeartbeatTimeout, cancellationToken);
        if (outcome == SocketOutcome.HeartbeatLost)
        {
            Log.HeartbeatLost(logger, socket.Number, _options.HeartbeatTimeout);
        }

        return outcome;
    }

    /// <summary>
    /// Drain: wait what Kadoa asked (or the normal delay), open the replacement, then let the old socket run until
    /// Kadoa closes it (bounded); frames on both are deduplicated by the sink.
    /// </summary>
    private async Task<RealtimeSocket?> ReplaceAsync(RealtimeSocket draining, CancellationToken cancellationToken)
    {
        var delay = _pacing.BeforeReplacing(draining);
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
}
