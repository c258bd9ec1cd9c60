namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>Realtime sockets over Websocket.Client.</summary>
public sealed class WebsocketTransportFactory(TimeProvider time) : IRealtimeTransportFactory
{
    public IRealtimeTransport Create(int number, Uri realtimeUrl, string accessToken, Action<ReadOnlyMemory<byte>> onFrame, Action onDisconnected) =>
        new WebsocketTransport(number, realtimeUrl, accessToken, time, onFrame, onDisconnected);
}
