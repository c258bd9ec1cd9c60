namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// One message from a realtime socket. Its bytes are valid only during the frame callback, unless the receiver keeps them
/// (<see cref="Keep"/>): then they stay valid, and out of the transport's pool, until the returned handle is disposed. A
/// large snapshot's claim-check can so be uploaded from the bytes as received: its copy (5 MB per snapshot) was the
/// listener's only large allocation, and the garbage it left set the listener's peak memory.
/// </summary>
/// <param name="bytes">The message.</param>
/// <param name="buffer">What holds <paramref name="bytes"/> when the transport reuses it (a pooled buffer); null when nothing does.</param>
public sealed class ReceivedMessage(ReadOnlyMemory<byte> bytes, IDisposable? buffer = null)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <summary>True once <see cref="Keep"/> was called: the transport must not reuse the bytes.</summary>
    public bool Kept { get; private set; }

    /// <summary>Keeps <see cref="Bytes"/> valid after the callback; dispose the result to give them back (null: nothing to give back).</summary>
    public IDisposable? Keep()
    {
        Kept = true;
        return buffer;
    }
}
