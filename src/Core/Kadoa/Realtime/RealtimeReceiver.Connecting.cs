using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>Opening a socket: token, resume cursor, connect and subscribe; failures wait before the next attempt.</summary>
public sealed partial class RealtimeReceiver
{
    /// <summary>Returns an open, subscribed socket, or null after waiting out a failure.</summary>
    private async Task<RealtimeSocket?> ConnectAsync(CancellationToken cancellationToken)
    {
        state.SetState(ConnectionState.Connecting);
        RealtimeToken token;
        try
        {
            token = await tokens.GetTokenAsync(cancellationToken);
        }
        catch (KadoaRequestException e) when (e.KeyRejected)
        {
            var status = (int)e.StatusCode!.Value;
            if (!_keyRejected)
            {
                Log.KeyRejected(logger, status, _options.RejectedKeyRetryDelay);
            }
            else
            {
                Log.KeyStillRejected(logger, status, _options.RejectedKeyRetryDelay);
            }

            _keyRejected = true;
            state.SetState(ConnectionState.KeyRejected, $"Kadoa refused the API key ({status})");
            state.ExpectProgressWithin(_options.RejectedKeyRetryDelay);
            await Task.Delay(_options.RejectedKeyRetryDelay, time, cancellationToken);
            return null;
        }
        catch (Exception e) when (IsKadoaUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            await WaitAfterFailureAsync("token request", e, cancellationToken);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.OnUnexpectedFault();
            await WaitAfterFaultAsync("token request", e, cancellationToken);
            return null;
        }

        if (_keyRejected)
        {
            _keyRejected = false;
            Log.KeyAccepted(logger);
        }

        state.SetTeam(token.TeamId);
        sink.UseTeam(token.TeamId);
        if (!await LoadCheckpointAsync(token.TeamId, cancellationToken))
        {
            return null;
        }

        var cursor = sink.LastCursor;
        var number = Interlocked.Increment(ref _sockets);
        try
        {
            var socket = await RealtimeSocket.OpenAsync(transports, number, _options.RealtimeUrl, token, cursor, time, sink.OnMessage, cancellationToken);
            if (number > 1)
            {
                metrics.OnReconnect();
            }

            state.SetState(ConnectionState.Connected);
            state.OnHeartbeat(); // a fresh socket counts as alive until its first heartbeat is due
            Log.Connected(logger, number, token.TeamId, cursor);
            return socket;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await WaitAfterFailureAsync("socket", e, cancellationToken);
            return null;
        }
    }

    /// <summary>Prepares storage and reads the stored cursor once per process, so a restarted listener resumes where the last one stopped.</summary>
    private async Task<bool> LoadCheckpointAsync(string teamId, CancellationToken cancellationToken)
    {
        if (_checkpointLoaded)
        {
            return true;
        }

        try
        {
            await sink.LoadCheckpointAsync(teamId, cancellationToken);
            state.OnStorageSuccess();
            _checkpointLoaded = true;
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            var delay = _pacing.AfterFailure();
            state.OnStorageFailure($"checkpoint read failed: {Failures.Describe(e)}");
            state.ExpectProgressWithin(delay);
            Log.CheckpointReadFailed(logger, delay, e);
            await Task.Delay(delay, time, cancellationToken);
            return false;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // E.g. the managed identity cannot get a token (AuthenticationFailedException): say it whole, keep trying.
            state.OnStorageFailure($"checkpoint read failed: {e.GetType().Name}");
            metrics.OnUnexpectedFault();
            await WaitAfterFaultAsync("checkpoint read", e, cancellationToken);
            return false;
        }
    }

    /// <summary>Kadoa is down, slow or answering errors: expected now and then, one warning each (with its exception), no fault counted.</summary>
    private static bool IsKadoaUnavailable(Exception e) =>
        e is KadoaRequestException or HttpRequestException or TaskCanceledException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException;

    private async Task WaitAfterFailureAsync(string during, Exception failure, CancellationToken cancellationToken)
    {
        var delay = _pacing.AfterFailure();
        state.SetState(ConnectionState.WaitingToReconnect, $"{during}: {Failures.Describe(failure)}");
        state.ExpectProgressWithin(delay);
        Log.ConnectFailed(logger, during, delay, failure);
        await Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>An exception nobody expected: logged with its stack trace, then the same backoff as any failure.</summary>
    private async Task WaitAfterFaultAsync(string during, Exception fault, CancellationToken cancellationToken)
    {
        var delay = _pacing.AfterFailure();
        state.SetState(ConnectionState.WaitingToReconnect, $"{during}: {fault.GetType().Name}");
        state.ExpectProgressWithin(delay);
        Log.ReceiverFault(logger, during, delay, fault);
        await Task.Delay(delay, time, cancellationToken);
    }
}
