namespace KadoaBridge.EventGridEmulator;

/// <summary>The events one topic accepted, in acceptance order, with per-id counts. One short lock per batch.</summary>
internal sealed class AcceptedLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _idCounts = new(StringComparer.Ordinal);
    private AcceptedEvent[] _items = new AcceptedEvent[1024];
    private int _count;

    public CountSignal Accepted { get; } = new();

    public void Append(IReadOnlyList<AcceptedEvent> batch)
    {
        lock (_gate)
        {
            if (_count + batch.Count > _items.Length)
            {
                // Never write into an array a snapshot may hold: grow into a new one.
                var grown = new AcceptedEvent[Math.Max(_items.Length * 2, _count + batch.Count)];
                Array.Copy(_items, grown, _count);
                _items = grown;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var accepted = batch[i];
                _items[_count + i] = accepted;
                _idCounts[accepted.Id] = _idCounts.GetValueOrDefault(accepted.Id) + 1;
            }

            _count += batch.Count;
        }

        Accepted.Add(batch.Count);
    }

    public IReadOnlyList<AcceptedEvent> Snapshot()
    {
        lock (_gate)
        {
            return new SnapshotList<AcceptedEvent>(_items, _count);
        }
    }

    public IReadOnlyDictionary<string, int> IdCounts()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_idCounts, StringComparer.Ordinal);
        }
    }
}
