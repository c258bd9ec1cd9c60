namespace KadoaBridge.EventGridEmulator;

/// <summary>A monotonic counter that callers can await reaching a target, without polling.</summary>
internal sealed class CountSignal
{
    private readonly Lock _gate = new();
    private readonly List<(long Target, TaskCompletionSource Reached)> _waiters = [];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(long increment)
    {
        lock (_gate)
        {
            _count += increment;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= _count)
                {
                    _waiters[i].Reached.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Completes when the count reaches <paramref name="target"/>; throws <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public async Task WaitAsync(long target, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_count >= target)
            {
                return;
            }

            _waiters.Add((target, reached));
        }

        try
        {
            // Real time on purpose: a test that fakes the emulator's clock still needs its waits to time out.
            await reached.Task.WaitAsync(timeout, TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            Remove(reached);
            throw new TimeoutException($"Waited {timeout} for {target} {what}; there are {Count}.");
        }
        catch (OperationCanceledException)
        {
            Remove(reached);
            throw;
        }
    }

    private void Remove(TaskCompletionSource reached)
    {
        lock (_gate)
        {
            _waiters.RemoveAll(w => w.Reached == reached);
        }
    }
}
