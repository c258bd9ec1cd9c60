using System.Collections;

namespace KadoaBridge.EventGridEmulator;

/// <summary>
/// A read-only view of the first <c>count</c> items of an append-only array. The items below <c>count</c> never
/// change (a growing log copies into a new array), so a snapshot costs O(1) and stays valid while writers go on.
/// </summary>
internal sealed class SnapshotList<T>(T[] items, int count) : IReadOnlyList<T>
{
    public T this[int index] => (uint)index < (uint)count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => count;

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
