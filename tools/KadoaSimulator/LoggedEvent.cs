using System.Diagnostics;

namespace KadoaBridge.KadoaSimulator;

/// <summary>An entry of the event log: the public snapshot plus the serialized frame reused for every socket and every resend.</summary>
internal sealed class LoggedEvent(SimulatedEvent snapshot, byte[] frame)
{
    private SimulatedEvent _snapshot = snapshot;
    private int _sent;

    public byte[] Frame { get; } = frame;

    public long Sequence { get; } = snapshot.Sequence;

    public string DeliveryId { get; } = snapshot.DeliveryId;

    public SimulatedEvent Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Records the first time the frame was written to any socket; later writes keep that time.</summary>
    public void MarkSent()
    {
        if (Volatile.Read(ref _sent) != 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (Interlocked.Exchange(ref _sent, 1) == 0)
        {
            Volatile.Write(ref _snapshot, _snapshot with { SentTimestamp = now });
        }
    }
}
