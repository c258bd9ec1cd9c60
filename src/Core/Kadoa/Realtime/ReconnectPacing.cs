using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// How long the receiver waits before its next socket: the delay Kadoa asked for in <c>control.draining</c>, the
/// backoff after a socket ended or an attempt failed. Time is read from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ReconnectPacing(KadoaOptions options, ListenerState state, TimeProvider time, Random? random = null)
{
    private readonly ReconnectBackoff _backoff = new(options.ReconnectMinDelay, options.ReconnectMaxDelay, random);

    /// <summary>After a failed attempt (token, checkpoint read, connect): the next step of the backoff.</summary>
    public TimeSpan AfterFailure() => _backoff.Next();

    /// <summary>
    /// After a socket ended. One that carried events, or stayed up at least <see cref="KadoaOptions.HealthyConnectionReset"/>,
    /// proves the connection works: the wait starts again from the minimum.
    /// </summary>
    public TimeSpan AfterSocket(RealtimeSocket socket)
    {
        var longLived = state.ConnectedSince is { } since && time.GetUtcNow() - since >= options.HealthyConnectionReset;
        return _backoff.NextAfterSocket(socket.CarriedEvents || longLived);
    }

    /// <summary>Before replacing a draining socket: what Kadoa asked for, or the backoff when it asked nothing usable.</summary>
    public TimeSpan BeforeReplacing(RealtimeSocket draining) => draining.DrainDelay ?? AfterSocket(draining);
}
