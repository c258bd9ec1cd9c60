using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IO;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// One WebSocket to Kadoa on .NET's <see cref="ClientWebSocket"/>, read by a thread of its own.
/// </summary>
/// <remarks>
/// Written instead of using Websocket.Client (used before) for memory, measured with 5 MB snapshots: that library
/// assembles each message in an <c>ArrayPool&lt;byte&gt;.Shared</c> buffer doubling from 16 KB to the message's size and
/// resumes its receive loop on any pool thread, so every thread that once handled a snapshot kept an 8 MB chain in its
/// thread-local pool slots (peak RSS 208–247 MiB; docs/performance.md). Here a message is written straight into the
/// bounded <see cref="RecyclableMemoryStream"/> pool, and the frame is decoded on this socket's own thread, so the
/// shared pool's large rents (JsonDocument's metadata) land in one thread's slots, not in every pool thread's.
/// Its own reconnection is not needed: every socket needs a fresh token and subscribe, and the backoff is the receiver's.
/// </remarks>
internal sealed class SocketTransport : IRealtimeTransport
{
    /// <summary>Bounds the connect as Websocket.Client's default did.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Message buffers shared by every socket, with bounded free pools: the default manager keeps every large buffer it
    /// ever used (megabytes per 5 MB snapshot frame).
    /// </summary>
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 128 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 32 * 1024 * 1024,
    });

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Uri _tokenUrl;
    private readonly int _number;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<ReceivedMessage> _onFrame;
    private readonly Action _onDisconnected;
    private int _disconnected;

    public SocketTransport(int number, Uri realtimeUrl, string accessToken, TimeProvider time, ILogger logger, Action<ReceivedMessage> onFrame, Action onDisconnected)
    {
        // The token goes only into the URL the socket connects to; it is never logged or put into an exception here.
        _tokenUrl = new UriBuilder(realtimeUrl) { Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        _number = number;
        _time = time;
        _logger = logger;
        _onFrame = onFrame;
        _onDisconnected = onDisconnected;
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        await _socket.ConnectAsync(_tokenUrl, timeout.Token);

        // A thread of its own, blocking on receive: see the remarks. It ends when the connection does.
        new Thread(Receive) { IsBackground = true, Name = $"kadoa-{_number}" }.Start();
    }

    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async Task CloseAsync(string reason)
    {
        using var timeout = new CancellationTokenSource(CloseTimeout, _time);
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone, or the server did not answer the close in time: nothing more to close.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose(); // ends a pending receive, and so the thread
        _sending.Dispose();
    }

    private void Receive()
    {
        try
        {
            while (true)
            {
                var message = Buffers.GetStream($"kadoa-{_number}");
                ReceivedMessage? received = null;
                try
                {
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = Wait(_socket.ReceiveAsync(message.GetMemory(), _stop.Token));
                        message.Advance(result.Count);
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        AnswerClose();
                        return;
                    }

                    // One block is handed over as is; a larger message is copied once into a pooled contiguous buffer.
                    received = new ReceivedMessage(message.GetBuffer().AsMemory(0, (int)message.Length), message);
                    _onFrame(received);
                }
                finally
                {
                    if (received is not { Kept: true })
                    {
                        message.Dispose(); // back to the pool; a kept message goes back when its keeper disposes it
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The connection ended (lost, closed, or this transport disposed): reported below.
        }
        catch (Exception e)
        {
            // A fault in handling a frame: this thread must not take the process down; the socket is ended so the receiver
            // reconnects, and Kadoa redelivers what was not acknowledged.
            Log.ReceiveLoopFailed(_logger, _number, e);
            _socket.Abort();
        }
        finally
        {
            if (Interlocked.Exchange(ref _disconnected, 1) == 0)
            {
                _onDisconnected();
            }
        }
    }

    /// <summary>Completes the close handshake the server started (bounded): the server waits for it.</summary>
    private void AnswerClose()
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return; // we started the close: CloseAsync completes it
        }

        using var timeout = new CancellationTokenSource(CloseTimeout, _time);
        _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).GetAwaiter().GetResult();
    }

    private static ValueWebSocketReceiveResult Wait(ValueTask<ValueWebSocketReceiveResult> receive) =>
        receive.IsCompletedSuccessfully ? receive.Result : receive.AsTask().GetAwaiter().GetResult();
}
