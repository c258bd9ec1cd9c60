namespace KadoaBridge.Core.EventGrid;

/// <summary>An <c>application/cloudevents-batch+json</c> body from already-encoded CloudEvents: <c>[e1,e2,…]</c>.</summary>
public static class CloudEventBatch
{
    public static int Size(IReadOnlyList<ReadOnlyMemory<byte>> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var size = 2 + Math.Max(0, events.Count - 1);
        foreach (var e in events)
        {
            size += e.Length;
        }

        return size;
    }

    /// <summary>Writes the batch into <paramref name="destination"/> (at least <see cref="Size"/> bytes); returns the bytes written.</summary>
    public static int Write(IReadOnlyList<ReadOnlyMemory<byte>> events, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(events);
        var position = 0;
        destination[position++] = (byte)'[';
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                destination[position++] = (byte)',';
            }

            events[i].Span.CopyTo(destination[position..]);
            position += events[i].Length;
        }

        destination[position++] = (byte)']';
        return position;
    }
}
