using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>Realtime sockets on <see cref="System.Net.WebSockets.ClientWebSocket"/> (<see cref="SocketTransport"/>).</summary>
public sealed class SocketTransportFactory(TimeProvider time, ILogger<SocketTransportFactory> logger) : IRealtimeTransportFactory
{
    public IRealtimeTransport Create(int number, Uri realtimeUrl, string accessToken, Action<ReceivedMessage> onFrame, Action onDisconnected) =>
        new SocketTransport(number, realtimeUrl, accessToken, time, logger, onFrame, onDisconnected);
}
