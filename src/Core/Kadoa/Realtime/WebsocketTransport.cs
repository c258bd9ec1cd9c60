using System.Net.WebSockets;
using System.Text;
using Microsoft.IO;
using Websocket.Client;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// One WebSocket to Kadoa over Websocket.Client (framing, message assembly and sending). Its own reconnection is off:
/// every socket needs a fresh token and subscribe, drains need an overlapping replacement, and the backoff is ours.
/// </summary>
internal sealed class WebsocketTransport : IRealtimeTransport
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Message buffers shared by every socket, with bounded free pools: the library's default manager keeps every
    /// large buffer it ever used (megabytes per 5 MB snapshot frame).
    /// </summary>
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 128 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 32 * 1024 * 1024,
    });

    private readonly WebsocketClient _client;
    private readonly TimeProvider _time;
    private readonly IDisposable _messages;
    private readonly IDisposable _disconnections;

    public WebsocketTransport(int number, Uri realtimeUrl, string accessToken, TimeProvider time, Action<ReadOnlyMemory<byte>> onFrame, Action onDisconnected)
    {
        // The token goes only into the URL given to the native socket; the library only ever sees the bare URL.
        var tokenUrl = new UriBuilder(realtimeUrl) { Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
        _client = new WebsocketClient(realtimeUrl, null, async (_, ct) =>
        {
            var native = new ClientWebSocket();
            native.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
            await native.ConnectAsync(tokenUrl, ct);
            return native;
        }, Buffers)
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            IsTextMessageConversionEnabled = false,
            IsStreamDisposedAutomatically = false, // read in place below, then disposed
            Name = $"kadoa-{number}",
        };
        _time = time;
        _messages = _client.MessageReceived.Subscribe(message => Deliver(message, onFrame));
        _disconnections = _client.DisconnectionHappened.Subscribe(_ => onDisconnected());
    }

    public Task ConnectAsync(CancellationToken cancellationToken) => _client.StartOrFail().WaitAsync(cancellationToken);

    public Task SendAsync(string text, CancellationToken cancellationToken) => _client.SendInstant(text).WaitAsync(cancellationToken);

    public async Task CloseAsync(string reason)
    {
        try
        {
            await _client.Stop(WebSocketCloseStatus.NormalClosure, reason).WaitAsync(CloseTimeout, _time);
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone: nothing to close.
        }
    }

    public void Dispose()
    {
        _messages.Dispose();
        _disconnections.Dispose();
        _client.Dispose();
    }

    /// <summary>
    /// A message kept as the library's pooled stream is read in place (no multi-megabyte copy per frame) and the stream
    /// goes back to the pool; anything that outlives the call is copied by the receiver.
    /// </summary>
    private static void Deliver(ResponseMessage message, Action<ReadOnlyMemory<byte>> onFrame)
    {
        if (message.Stream is MemoryStream stream)
        {
            using (stream)
            {
                onFrame(stream.TryGetBuffer(out var segment) ? segment.AsMemory() : stream.ToArray());
            }

            return;
        }

        onFrame(message.Binary ?? Encoding.UTF8.GetBytes(message.Text ?? ""));
    }
}
