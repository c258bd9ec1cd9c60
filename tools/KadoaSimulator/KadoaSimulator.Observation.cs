namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    /// <summary>Every emitted event in log order (snapshot).</summary>
    public IReadOnlyList<SimulatedEvent> Log
    {
        get
        {
            lock (_gate)
            {
                var copy = new SimulatedEvent[_log.Count];
                for (var i = 0; i < copy.Length; i++)
                {
                    copy[i] = _log[i].Snapshot;
                }

                return copy;
            }
        }
    }

    /// <summary>Delivery id → number of acks received for it (snapshot; ids never emitted are counted too).</summary>
    public IReadOnlyDictionary<string, int> AckCounts => new Dictionary<string, int>(_acks, StringComparer.Ordinal);

    /// <summary>Every subscribe frame received, in order (snapshot).</summary>
    public IReadOnlyList<SubscribeRecord> Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscriptions];
            }
        }
    }

    /// <summary>Sockets accepted and not yet finished.</summary>
    public int OpenSockets
    {
        get
        {
            lock (_gate)
            {
                return _sockets.Count;
            }
        }
    }

    /// <summary>Sockets that subscribed to the team channel and were not closed or retired yet.</summary>
    public int SubscribedSockets
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary><c>METHOD path</c> of every HTTP request, socket upgrades included; never the query string (it holds tokens).</summary>
    public IReadOnlyList<string> RequestLog => [.. _requestLog.Select(r => r.Request)];

    /// <summary><see cref="RequestLog"/> with the time each request arrived (the simulator's clock).</summary>
    public IReadOnlyList<(string Request, DateTimeOffset At)> TimedRequestLog => [.. _requestLog];

    /// <summary>Completes when at least <paramref name="count"/> sockets are subscribed; <see cref="TimeoutException"/> otherwise.</summary>
    public Task WaitForSubscribersAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(
            () => SubscribedSockets >= count,
            timeout,
            () => $"Expected at least {count} subscribed socket(s), saw {SubscribedSockets}.",
            cancellationToken);

    /// <summary>Completes when every delivery id was acknowledged at least once; <see cref="TimeoutException"/> otherwise.</summary>
    public Task WaitForAcksAsync(IEnumerable<string> deliveryIds, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        var ids = deliveryIds.ToArray();
        return WaitUntilAsync(
            () => Array.TrueForAll(ids, _acks.ContainsKey),
            timeout,
            () => $"Expected acks for {ids.Length} delivery id(s), {ids.Count(id => !_acks.ContainsKey(id))} missing (first: {ids.FirstOrDefault(id => !_acks.ContainsKey(id))}).",
            cancellationToken);
    }

    /// <summary>Waits for an arbitrary condition over the simulator's state, re-checked whenever that state changes.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describeFailure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describeFailure);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var signal = Volatile.Read(ref _changed);
            if (condition())
            {
                return;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(describeFailure());
            }

            try
            {
                // The cap re-checks conditions that depend on state the simulator does not signal.
                await signal.Task.WaitAsync(remaining < TimeSpan.FromMilliseconds(250) ? remaining : TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (TimeoutException)
            {
                // Loop: the deadline check decides.
            }
        }
    }
}
