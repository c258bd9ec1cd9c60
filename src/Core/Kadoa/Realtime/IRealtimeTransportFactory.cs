namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>Creates the transport of one realtime socket (production: <see cref="SocketTransportFactory"/>).</summary>
public interface IRealtimeTransportFactory
{
    /// <summary>A transport not yet connected.</summary>
    /// <param name="number">The socket's number, for names in logs.</param>
    /// <param name="realtimeUrl">Kadoa's realtime URL, without the token.</param>
    /// <param name="accessToken">The single-use token this connection authenticates with.</param>
    /// <param name="onFrame">Called for each received frame, in order; the bytes are valid only during the call unless kept (<see cref="ReceivedMessage.Keep"/>).</param>
    /// <param name="onDisconnected">Called once when the connection is gone (closed by either side, or lost).</param>
    IRealtimeTransport Create(int number, Uri realtimeUrl, string accessToken, Action<ReceivedMessage> onFrame, Action onDisconnected);
}
