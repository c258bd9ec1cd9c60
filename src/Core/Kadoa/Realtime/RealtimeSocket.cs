using System.Net.WebSockets;
using System.Text;
using Microsoft.IO;
using Websocket.Client;

namespace KadoaBridge.Core.Kadoa.Realtime;

/// <summary>
/// One WebSocket to Kadoa (Websocket.Client does framing, message assembly and sending). Its own reconnection is off:
/// every socket needs a fresh token and subscribe, drains need an overlapping replacement, and the backoff is ours.
/// </summary>
public sealed class RealtimeSocket : IDisposable
{
    private readonly WebsocketClient _client;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<SocketOutcome> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _messages;
    private readonly IDisposable _disconnections;
    private long _lastHeartbeat;
    private volatile bool _carriedEvents;

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

    private RealtimeSocket(int number, WebsocketClient client, TimeProvider time, Action<RealtimeSocket, ResponseMessage> onMessage)
    {
        Number = number;
        _client = client;
        _time = time;
        _lastHeartbeat = time.GetTimestamp();
        _messages = client.MessageReceived.Subscribe(message => onMessage(this, message));
        _disconnections = client.DisconnectionHappened.Subscribe(_ =>
        {
            _disconnected.TrySetResult();
            _ended.TrySetResult(SocketOutcome.Closed);
        });
    }

    public int Number { get; }

    /// <summary>Completes when the socket should no longer be watched, with the reason.</summary>
    public Task<SocketOutcome> Ended => _ended.Task;

    /// <summary>Completes when the connection itself is gone (a drained socket keeps delivering until then).</summary>
    public Task Disconnected => _disconnected.Task;

    /// <summary>The delay Kadoa asked for in <c>control.draining</c>, when usable.</summary>
    public TimeSpan? DrainDelay { get; private set; }

    /// <summary>Set once the socket overflowed: later frames on it are dropped unread (Kadoa replays them from the cursor).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>True once an event frame arrived on this socket: the connection worked, so its end resets the backoff.</summary>
    public bool CarriedEvents => _carriedEvents;

    public TimeSpan SinceHeartbeat => _time.GetElapsedTime(Interlocked.Read(ref _lastHeartbeat));

    /// <summary>Opens the socket with a fresh token and subscribes to the team's channel, resuming after <paramref name="cursor"/>.</summary>
    public static async Task<RealtimeSocket> OpenAsync(
        int number, Uri realtimeUrl, RealtimeToken token, string? cursor, TimeProvider time,
        Action<RealtimeSocket, ResponseMessage> onMessage, CancellationToken cancellationToken)
    {
        // The token goes only into the URL given to the native socket; the library only ever sees the bare URL.
        var tokenUrl = new UriBuilder(realtimeUrl) { Query = "access_token=" + Uri.EscapeDataString(token.AccessToken) }.Uri;
        var client = new WebsocketClient(realtimeUrl, null, async (_, ct) =>
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
            IsStreamDisposedAutomatically = false, // FrameIntake reads the pooled stream in place and disposes it
            Name = $"kadoa-{number}",
        };

        var socket = new RealtimeSocket(number, client, time, onMessage);
        try
        {
            await client.StartOrFail().WaitAsync(cancellationToken);
            await client.SendInstant(SubscribeFrame(token.TeamId, cursor)).WaitAsync(cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary><c>{"action":"subscribe","channel":…,"lastCursor":…}</c>, as PROTOCOL.md describes.</summary>
    public static string SubscribeFrame(string teamId, string? cursor)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("action", "subscribe");
            writer.WriteString("channel", teamId);
            if (cursor is not null)
            {
                writer.WriteString("lastCursor", cursor);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public void OnHeartbeat() => Interlocked.Exchange(ref _lastHeartbeat, _time.GetTimestamp());

    /// <summary>An event frame arrived (written once per socket, read when it ends).</summary>
    public void OnEvent()
    {
        if (!_carriedEvents)
        {
            _carriedEvents = true;
        }
    }

    public void OnDraining(TimeSpan? delay)
    {
        DrainDelay = delay;
        _ended.TrySetResult(SocketOutcome.Draining);
    }

    public void OnOverflow()
    {
        Overflowed = true;
        _ended.TrySetResult(SocketOutcome.Overflow);
    }

    public void OnHeartbeatLost() => _ended.TrySetResult(SocketOutcome.HeartbeatLost);

    /// <summary>Closes the socket normally (bounded by a timeout) and stops its message stream.</summary>
    public async Task CloseAsync(string reason)
    {
        try
        {
            await _client.Stop(WebSocketCloseStatus.NormalClosure, reason).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone: nothing to close.
        }

        Dispose();
    }

    public void Dispose()
    {
        _messages.Dispose();
        _disconnections.Dispose();
        _client.Dispose();
        _disconnected.TrySetResult();
        _ended.TrySetResult(SocketOutcome.Closed);
    }
}
