namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// Bounds what the listener holds between receiving a frame and checkpointing it, in events and bytes. When full, the
/// receiver stops reading (Kadoa keeps the rest: nothing is acknowledged past the checkpoint); it resumes once half is free.
/// </summary>
public sealed class InflightBudget(int maxEvents, long maxBytes)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _halfFree = NewSignal();
    private int _events;
    private long _bytes;

    public int Events => Volatile.Read(ref _events);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Reserves room for an item; false when the budget is spent. One item always fits into an empty budget.</summary>
    public bool TryReserve(long bytes)
    {
        lock (_gate)
        {
            if (_events > 0 && (_events + 1 > maxEvents || _bytes + bytes > maxBytes))
            {
                return false;
            }

            _events++;
            _bytes += bytes;
            return true;
        }
    }

    public void Release(int events, long bytes)
    {
        TaskCompletionSource? signal = null;
        lock (_gate)
        {
            _events -= events;
            _bytes -= bytes;
            if (_events <= maxEvents / 2 && _bytes <= maxBytes / 2)
            {
                signal = _halfFree;
                _halfFree = NewSignal();
            }
        }

        signal?.TrySetResult();
    }

    /// <summary>Completes when at most half of the budget is in use.</summary>
    public Task WaitUntilHalfFreeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_events <= maxEvents / 2 && _bytes <= maxBytes / 2)
            {
                return Task.CompletedTask;
            }

            return _halfFree.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
