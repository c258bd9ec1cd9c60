namespace KadoaBridge.Core.Batching;

/// <summary>
/// Group commit: concurrent callers submit items; the caller that finds the queue idle sends batches until it is empty,
/// and items that arrive while a batch is in flight go together in the next one. Batches form from the load itself, with
/// no timer and no added latency when idle. The send delegate completes every item's <see cref="Pending{T}.Done"/>.
/// </summary>
public sealed class GroupCommit<T>(Func<List<Pending<T>>, Task> send, Func<List<Pending<T>>, Pending<T>, bool> fits)
{
    private readonly Lock _gate = new();
    private readonly Queue<Pending<T>> _waiting = new();
    private bool _flushing;

    /// <summary>Completes when the item is sent, or throws the item's own failure.</summary>
    public async Task SubmitAsync(T item, int bytes, CancellationToken cancellationToken)
    {
        var pending = new Pending<T>(item, bytes);
        bool lead;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            lead = !_flushing;
            _flushing = true;
        }

        if (lead)
        {
            await FlushAsync(); // not cancellable: others' items ride on it; each send is bounded by its client's timeouts
        }

        await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAsync()
    {
        for (var batch = Take(); batch.Count > 0; batch = Take())
        {
            try
            {
                await send(batch);
            }
            catch (Exception e)
            {
                batch.ForEach(p => p.Done.TrySetException(e));
            }
        }
    }

    private List<Pending<T>> Take()
    {
        lock (_gate)
        {
            var batch = new List<Pending<T>>();
            while (_waiting.TryPeek(out var next) && (batch.Count == 0 || fits(batch, next)))
            {
                batch.Add(_waiting.Dequeue());
            }

            if (batch.Count == 0)
            {
                _flushing = false;
            }

            return batch;
        }
    }
}

/// <summary>An item waiting in a <see cref="GroupCommit{T}"/>.</summary>
public sealed record Pending<T>(T Item, int Bytes)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
