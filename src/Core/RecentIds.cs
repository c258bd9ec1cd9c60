namespace KadoaBridge.Core;

/// <summary>
/// The ids seen most recently, bounded (oldest forgotten first) and thread-safe. The listener's intake drops the
/// deliveries that arrive on two sockets during a drain and redeliveries of what is still in flight; ingest drops a
/// repeat that reaches the instance that finished it without a storage round trip. Only a shortcut: an id it does not
/// hold goes to the durable dedupe, which decides.
/// </summary>
/// <param name="capacity">How many ids are kept: <c>Forwarding__RecentIdCapacity</c> in the listener,
/// <c>IngestService.RecentlyDoneCapacity</c> in ingest.</param>
public sealed class RecentIds(int capacity)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    public bool Contains(string id)
    {
        lock (_gate)
        {
            return _ids.Contains(id);
        }
    }

    /// <summary>Remembers the id, forgetting the oldest beyond capacity.</summary>
    public void Add(string id)
    {
        lock (_gate)
        {
            if (!_ids.Add(id))
            {
                return;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
        }
    }
}
