using System.Net.WebSockets;

namespace KadoaBridge.KadoaSimulator;

/// <summary>One item of a socket's send queue: a text frame (shared bytes) or the close frame that ends the queue.</summary>
internal readonly record struct OutboundFrame(byte[]? Bytes, LoggedEvent? Event, WebSocketCloseStatus CloseStatus, string? CloseDescription)
{
    public bool IsClose => Bytes is null;

    public static OutboundFrame Text(byte[] bytes, LoggedEvent? loggedEvent = null) => new(bytes, loggedEvent, default, null);

    public static OutboundFrame Close(WebSocketCloseStatus status, string description) => new(null, null, status, description);
}
