using KadoaBridge.Core.Forwarding;

namespace KadoaBridge.Core.Diagnostics;

/// <summary>The listener's live state, read by health checks and the status row. Writers are the receiver and the pipeline.</summary>
public sealed class ListenerState(TimeProvider time)
{
    private long _lastHeartbeatTicks;
    private long _lastStorageSuccessTicks;
    private long _lastStorageFailureTicks;
    private volatile string? _teamId;
    private volatile string? _lastError;
    private volatile Checkpoint? _checkpoint;
    private int _state = (int)ConnectionState.Starting;
    private long _connectedSinceTicks;

    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    public string? TeamId => _teamId;

    public string? LastError => _lastError;

    public DateTimeOffset? LastHeartbeatAt => FromTicks(Interlocked.Read(ref _lastHeartbeatTicks));

    public DateTimeOffset? ConnectedSince => FromTicks(Interlocked.Read(ref _connectedSinceTicks));

    public DateTimeOffset? CheckpointEventTime => _checkpoint?.EventTime;

    public DateTimeOffset? CheckpointUpdatedAt => _checkpoint?.UpdatedAt;

    public string? CheckpointCursor => _checkpoint?.Cursor;

    /// <summary>True when the last storage call succeeded (or none failed yet).</summary>
    public bool StorageReachable => Interlocked.Read(ref _lastStorageSuccessTicks) >= Interlocked.Read(ref _lastStorageFailureTicks);

    public void SetState(ConnectionState state, string? error = null)
    {
        Volatile.Write(ref _state, (int)state);
        if (state == ConnectionState.Connected)
        {
            Interlocked.Exchange(ref _connectedSinceTicks, time.GetUtcNow().UtcTicks);
        }

        if (error is not null)
        {
            _lastError = error;
        }
    }

    public void SetTeam(string teamId) => _teamId = teamId;

    public void OnHeartbeat() => Interlocked.Exchange(ref _lastHeartbeatTicks, time.GetUtcNow().UtcTicks);

    public void OnCheckpoint(Checkpoint checkpoint)
    {
        _checkpoint = checkpoint;
        OnStorageSuccess();
    }

    public void OnStorageSuccess() => Interlocked.Exchange(ref _lastStorageSuccessTicks, time.GetUtcNow().UtcTicks);

    /// <summary>A pipeline stage failed beyond the SDK's retries; checkpoint failures mean storage is unreachable.</summary>
    public void OnStageFailure(string stage, string error)
    {
        _lastError = $"{stage} failed: {error}";
        if (stage == "checkpoint")
        {
            Interlocked.Exchange(ref _lastStorageFailureTicks, time.GetUtcNow().UtcTicks);
        }
    }

    public void OnStorageFailure(string error)
    {
        Interlocked.Exchange(ref _lastStorageFailureTicks, time.GetUtcNow().UtcTicks);
        _lastError = error;
    }

    private static DateTimeOffset? FromTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
