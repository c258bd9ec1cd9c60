using Microsoft.Extensions.Caching.Memory;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Ids this instance saw done, the most recent 50,000 (about 15 MB): a repeat that reaches the same instance (the
/// usual case after a listener restart or an Event Grid redelivery) is dropped without a storage round trip. Only a
/// shortcut: an id it does not hold goes to the durable dedupe, which decides. A size-limited
/// <see cref="MemoryCache"/> evicts the least recently used ids when full.
/// </summary>
public sealed class RecentlyDone : IDisposable
{
    public const int Capacity = 50_000;

    private static readonly MemoryCacheEntryOptions OneSlot = new() { Size = 1 };

    private readonly MemoryCache _ids = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public bool Contains(string id) => _ids.TryGetValue(id, out _);

    public void Add(string id) => _ids.Set(id, true, OneSlot);

    public void Dispose() => _ids.Dispose();
}
