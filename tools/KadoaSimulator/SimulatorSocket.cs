using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace KadoaBridge.KadoaSimulator;

/// <summary>
/// One accepted realtime socket: a receive loop for the client's frames and an ordered send queue drained by a
/// single writer loop, so frames never interleave. Every send goes through the queue, the close frame too.
/// </summary>
internal sealed class SimulatorSocket : IDisposable
{
    private const int MaxInboundMessageBytes = 64 * 1024;

    // Fallback for a close the simulator asked for while the client stopped reading: the queue ahead of the
    // close frame may never drain, so the connection is aborted after this time.
    private static readonly TimeSpan CloseRequestDeadline = TimeSpan.FromSeconds(30);

    private readonly WebSocket _webSocket;
    private readonly HttpContext _context;
    private readonly TimeSpan _closeHandshakeTimeout;
    private readonly Channel<OutboundFrame> _queue = Channel.CreateUnbounded<OutboundFrame>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly CancellationTokenSource _io;
    private readonly Lock _lifetimeGate = new();
    private volatile bool _clientClosing;
    private int _closeRequested;
    private bool _finished;

    public SimulatorSocket(int number, WebSocket webSocket, HttpContext context, TimeSpan closeHandshakeTimeout, CancellationToken stopping)
    {
        Number = number;
        _webSocket = webSocket;
        _context = context;
        _closeHandshakeTimeout = closeHandshakeTimeout;
        _io = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
    }

    public int Number { get; }

    /// <summary>Set under the simulator's lock once a valid subscribe frame arrived.</summary>
    public bool IsSubscribed { get; set; }

    /// <summary>Set under the simulator's lock when a drain retired this socket.</summary>
    public bool IsDraining { get; set; }

    /// <summary>True once a close was requested or the connection was lost: nothing new should be queued.</summary>
    public bool IsClosing => _clientClosing || Volatile.Read(ref _closeRequested) != 0;

    /// <summary>Queues a frame behind everything queued before. Never blocks.</summary>
    public void Enqueue(OutboundFrame frame) => _queue.Writer.TryWrite(frame);

    /// <summary>Queues a close frame behind the frames already queued (they are still delivered), once.</summary>
    public void RequestClose(WebSocketCloseStatus status, string description)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return;
        }

        CancelAfterSafe(CloseRequestDeadline);
        _queue.Writer.TryWrite(OutboundFrame.Close(status, description));
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Abort()
    {
        // The HttpContext is only valid while the request runs: never touch it once RunAsync finished.
        lock (_lifetimeGate)
        {
            if (_finished)
            {
                return;
            }

            _clientClosing = true;
            _context.Abort();
            _io.Cancel();
        }
    }

    /// <summary>Runs both loops until the connection ends; <paramref name="onText"/> sees every complete text message.</summary>
    public async Task RunAsync(Action<SimulatorSocket, ReadOnlyMemory<byte>> onText)
    {
        var writer = WriteLoopAsync();
        try
        {
            await ReceiveLoopAsync(onText);
        }
        finally
        {
            if (_webSocket.State == WebSocketState.CloseReceived)
            {
                // The client closed first: skip what is still queued and answer its close frame.
                _clientClosing = true;
                Interlocked.Exchange(ref _closeRequested, 1);
                _queue.Writer.TryWrite(OutboundFrame.Close(WebSocketCloseStatus.NormalClosure, string.Empty));
            }
            else if (_webSocket.State != WebSocketState.Closed)
            {
                CancelSafe();
            }

            _queue.Writer.TryComplete();
            await writer;
            lock (_lifetimeGate)
            {
                _finished = true;
            }
        }
    }

    public void Dispose() => _io.Dispose();

    private async Task ReceiveLoopAsync(Action<SimulatorSocket, ReadOnlyMemory<byte>> onText)
    {
        var buffer = new byte[8 * 1024];
        var message = new ArrayBufferWriter<byte>(buffer.Length);
        try
        {
            while (true)
            {
                var result = await _webSocket.ReceiveAsync(buffer.AsMemory(), _io.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (message.WrittenCount + result.Count > MaxInboundMessageBytes)
                {
                    RequestClose(WebSocketCloseStatus.MessageTooBig, "message too big");
                    message.ResetWrittenCount();
                    continue;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    if (result.MessageType == WebSocketMessageType.Text && !IsClosing)
                    {
                        onText(this, message.WrittenMemory);
                    }

                    message.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            _clientClosing = true;
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_io.Token))
            {
                while (reader.TryRead(out var frame))
                {
                    if (frame.IsClose)
                    {
                        await CloseOutputAsync(frame);
                        return;
                    }

                    if (_clientClosing)
                    {
                        continue;
                    }

                    await _webSocket.SendAsync(frame.Bytes!, WebSocketMessageType.Text, endOfMessage: true, _io.Token);
                    frame.Event?.MarkSent();
                }
            }
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            _clientClosing = true;
        }
    }

    private async Task CloseOutputAsync(OutboundFrame frame)
    {
        if (_webSocket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        // Bound the handshake: the receive loop waits for the client's answer under the same token.
        CancelAfterSafe(_closeHandshakeTimeout);
        await _webSocket.CloseOutputAsync(frame.CloseStatus, frame.CloseDescription, _io.Token);
    }

    private void CancelAfterSafe(TimeSpan delay)
    {
        try
        {
            _io.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // The socket already finished.
        }
    }

    private void CancelSafe()
    {
        try
        {
            _io.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The socket already finished.
        }
    }

    private static bool IsConnectionLoss(Exception ex) =>
        ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException or InvalidOperationException;
}
