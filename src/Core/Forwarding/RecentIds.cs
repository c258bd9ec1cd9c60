namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// The ids forwarded most recently (bounded, oldest forgotten first). Suppresses the deliveries that arrive on two
/// sockets during a drain and redeliveries of what is still in flight; ingest dedupes durably beyond that.
/// </summary>
public sealed class RecentIds(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _ids.Count;

    /// <summary>Not thread-safe: the receiver serialises calls.</summary>
    public bool Contains(string id) => _ids.Contains(id);

    /// <summary>Remembers the id, forgetting the oldest beyond capacity. Not thread-safe: the receiver serialises calls.</summary>
    public void Add(string id)
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
