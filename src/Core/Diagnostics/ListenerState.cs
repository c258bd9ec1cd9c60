namespace KadoaBridge.Core.Diagnostics;

/// <summary>The listener's live state, read by health checks and the status row. Writers are the receiver and the pipeline.</summary>
public sealed class ListenerState(TimeProvider time)
{
    private long _lastHeartbeatTicks;
    private long _lastStorageSuccessTicks;
    private long _lastStorageFailureTicks;
    private volatile string? _teamId;
    private volatile string? _lastError;
    private volatile StoredCursor? _checkpoint;
    private int _state = (int)ConnectionState.Starting;
    private long _connectedSinceTicks;
    private long _progressDueTicks;
    private volatile string? _stoppedBecause;
    private volatile string? _ingressRejection;

    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    public string? TeamId => _teamId;

    public string? LastError => _lastError;

    public DateTimeOffset? LastHeartbeatAt => FromTicks(Interlocked.Read(ref _lastHeartbeatTicks));

    public DateTimeOffset? ConnectedSince => FromTicks(Interlocked.Read(ref _connectedSinceTicks));

    public DateTimeOffset? CheckpointEventTime => _checkpoint?.EventTime;

    public DateTimeOffset? CheckpointUpdatedAt => _checkpoint?.UpdatedAt;

    public string? CheckpointCursor => _checkpoint?.Cursor;

    /// <summary>
    /// When the receiver is next due to show progress: a state change or heartbeat makes it "now"; a planned wait
    /// (backoff, a refused key's slow retry) moves it to the wait's end. Liveness fails when it is long overdue.
    /// </summary>
    public DateTimeOffset? ProgressDueAt => FromTicks(Interlocked.Read(ref _progressDueTicks));

    /// <summary>Why the receiver or the forwarding pipeline stopped for good; null while they run.</summary>
    public string? StoppedBecause => _stoppedBecause;

    /// <summary>Why Event Grid refuses every event (a systemic 400/413: the topic or its schema), while it does; else null.</summary>
    public string? IngressRejection => _ingressRejection;

    /// <summary>True when the last storage call succeeded (or none failed yet).</summary>
    public bool StorageReachable => Interlocked.Read(ref _lastStorageSuccessTicks) >= Interlocked.Read(ref _lastStorageFailureTicks);

    public void SetState(ConnectionState state, string? error = null)
    {
        Volatile.Write(ref _state, (int)state);
        ExpectProgressWithin(TimeSpan.Zero);
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

    public void OnHeartbeat()
    {
        Interlocked.Exchange(ref _lastHeartbeatTicks, time.GetUtcNow().UtcTicks);
        ExpectProgressWithin(TimeSpan.Zero);
    }

    /// <summary>The receiver is about to wait <paramref name="wait"/> on purpose; progress is due when it ends.</summary>
    public void ExpectProgressWithin(TimeSpan wait) => Interlocked.Exchange(ref _progressDueTicks, (time.GetUtcNow() + wait).UtcTicks);

    /// <summary>The receiver or the pipeline ended while the host runs: nothing is forwarded any more.</summary>
    public void OnStopped(string reason)
    {
        _stoppedBecause = reason;
        SetState(ConnectionState.Stopped, reason);
    }

    /// <summary>The stored checkpoint moved to (or was read as) <paramref name="cursor"/>, of an event from <paramref name="eventTime"/>, stored at <paramref name="updatedAt"/>.</summary>
    public void OnCheckpoint(string cursor, DateTimeOffset eventTime, DateTimeOffset updatedAt)
    {
        _checkpoint = new StoredCursor(cursor, eventTime, updatedAt);
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

    /// <summary>Event Grid refuses every event; returns true when it did not before (the caller logs the change once).</summary>
    public bool OnIngressRejecting(string reason)
    {
        _lastError = reason;
        return Interlocked.Exchange(ref _ingressRejection, reason) is null;
    }

    /// <summary>Event Grid accepted an event; returns true when it had refused every event until now.</summary>
    public bool OnIngressAccepted() => Interlocked.Exchange(ref _ingressRejection, null) is not null;

    public void OnStorageFailure(string error)
    {
        Interlocked.Exchange(ref _lastStorageFailureTicks, time.GetUtcNow().UtcTicks);
        _lastError = error;
    }

    private static DateTimeOffset? FromTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>The three read together, so the status row never mixes two checkpoints.</summary>
    private sealed record StoredCursor(string Cursor, DateTimeOffset EventTime, DateTimeOffset UpdatedAt);
}
