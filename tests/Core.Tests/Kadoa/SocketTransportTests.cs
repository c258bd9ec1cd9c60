using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using KadoaBridge.Core.Kadoa.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;

namespace KadoaBridge.Core.Tests.Kadoa;

/// <summary>
/// The production transport against a real WebSocket server on loopback: frames of every size arrive whole and in
/// order (one receive buffer block, many blocks, fragmented messages), the token reaches only the URL, a fault in
/// handling a frame ends the socket instead of the process, and both ends of a close are reported once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SocketTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly Channel<WebSocket> _accepted = Channel.CreateUnbounded<WebSocket>();
    private readonly TaskCompletionSource _serverDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FakeLogger<SocketTransportFactory> _logger = new();
    private WebApplication _server = null!;
    private string? _seenQuery;

    private Uri Url => new(_server.Urls.Single().Replace("http://", "ws://", StringComparison.Ordinal) + "/realtime");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.UseWebSockets();
        _server.Map("/realtime", async (HttpContext context) =>
        {
            _seenQuery = context.Request.QueryString.Value;
            var socket = await context.WebSockets.AcceptWebSocketAsync();
            await _accepted.Writer.WriteAsync(socket);
            await _serverDone.Task; // keeps the request (and so the socket) open until the test is done with it
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _serverDone.TrySetResult();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task KeptMessage_StaysIntactWhileLaterFramesArrive_UntilReleased()
    {
        // A claim-check is uploaded from the received bytes (ReceivedMessage.Keep): the pooled buffers of the frames that
        // follow must not be the kept one's, and releasing it must not disturb them.
        var received = Channel.CreateUnbounded<(ReceivedMessage Message, IDisposable? Kept)>();
        using var transport = Create(message => received.Writer.TryWrite((message, message.Keep())), () => { });
        await transport.ConnectAsync(CancellationToken.None);
        var server = await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        var frames = new[] { 3 * 1024 * 1024, 3 * 1024 * 1024 + 7, 200_000, 10 }.Select(Text).ToList();
        List<(ReceivedMessage Message, IDisposable? Kept)> kept = [];
        foreach (var frame in frames)
        {
            await server.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            kept.Add(await received.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
        }

        for (var i = 0; i < frames.Count; i++)
        {
            Assert.True(kept[i].Message.Kept);
            Assert.NotNull(kept[i].Kept); // pooled: there is something to give back
            Assert.True(frames[i].AsSpan().SequenceEqual(kept[i].Message.Bytes.Span), $"kept frame {i} changed while later frames arrived");
        }

        kept[0].Kept!.Dispose();
        var next = Text(3 * 1024 * 1024);
        await server.SendAsync(next, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var reused = await received.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.True(next.AsSpan().SequenceEqual(reused.Message.Bytes.Span));
        for (var i = 1; i < frames.Count; i++)
        {
            Assert.True(frames[i].AsSpan().SequenceEqual(kept[i].Message.Bytes.Span), $"kept frame {i} changed after another was released");
        }
    }

    [Fact]
    public async Task Frames_SmallLargeAndFragmented_ArriveWholeInOrder()
    {
        var received = Channel.CreateUnbounded<byte[]>();
        using var transport = Create(message => received.Writer.TryWrite(message.Bytes.ToArray()), () => { });
        await transport.ConnectAsync(CancellationToken.None);
        var server = await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        // 10 bytes, one block exactly, one byte more, 3 MB (many blocks), and a message sent in 7 fragments.
        var frames = new[] { 10, 128 * 1024, 128 * 1024 + 1, 3 * 1024 * 1024 }.Select(Text).ToList();
        foreach (var frame in frames)
        {
            await server.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }

        var fragmented = Text(700_001);
        frames.Add(fragmented);
        var chunks = fragmented.Chunk(100_000).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            await server.SendAsync(chunks[i], WebSocketMessageType.Text, endOfMessage: i == chunks.Count - 1, CancellationToken.None);
        }

        foreach (var expected in frames)
        {
            var actual = await received.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
            Assert.Equal(expected.Length, actual.Length);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"the {expected.Length}-byte frame arrived changed");
        }
    }

    [Fact]
    public async Task Connect_TokenGoesOnlyIntoTheQuery_AndSendReachesTheServer()
    {
        using var transport = Create(_ => { }, () => { }, token: "tok+en/=");
        await transport.ConnectAsync(CancellationToken.None);
        var server = await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        await transport.SendAsync("{\"action\":\"subscribe\"}", CancellationToken.None);
        var buffer = new byte[1024];
        var result = await server.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal("?access_token=tok%2Ben%2F%3D", _seenQuery);
        Assert.Equal("{\"action\":\"subscribe\"}", Encoding.UTF8.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public async Task FrameHandler_Throws_SocketEndsDisconnectedOnceAndTheFaultIsLogged()
    {
        var disconnects = 0;
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var transport = Create(_ => throw new InvalidOperationException("a bug in frame handling"), () =>
        {
            Interlocked.Increment(ref disconnects);
            disconnected.TrySetResult();
        });
        await transport.ConnectAsync(CancellationToken.None);
        var server = await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        await server.SendAsync("{}"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await disconnected.Task.WaitAsync(Timeout);
        await transport.CloseAsync("done"); // closing what is already gone is no error

        Assert.Equal(1, Volatile.Read(ref disconnects));
        var record = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Name == "ReceiveLoopFailed");
        Assert.IsType<InvalidOperationException>(record.Exception);
    }

    [Fact]
    public async Task Close_EitherSide_ReportsDisconnectedOnce()
    {
        var disconnects = 0;
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDisconnected()
        {
            Interlocked.Increment(ref disconnects);
            disconnected.TrySetResult();
        }

        // Closed by the server.
        using (var transport = Create(_ => { }, OnDisconnected))
        {
            await transport.ConnectAsync(CancellationToken.None);
            var server = await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
            await server.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(Timeout);
            await disconnected.Task.WaitAsync(Timeout);
        }

        Assert.Equal(1, Volatile.Read(ref disconnects));

        // Closed by us: the server sees the close, we see the end once.
        disconnects = 0;
        disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var transport = Create(_ => { }, OnDisconnected))
        {
            await transport.ConnectAsync(CancellationToken.None);
            var server = await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
            var serverSaw = server.ReceiveAsync(new byte[16], CancellationToken.None);
            await transport.CloseAsync("replaced");
            Assert.Equal(WebSocketMessageType.Close, (await serverSaw.WaitAsync(Timeout)).MessageType);
            await disconnected.Task.WaitAsync(Timeout);
        }

        Assert.Equal(1, Volatile.Read(ref disconnects));
    }

    /// <summary>Random printable ASCII: a text message must be valid UTF-8, or the socket closes it.</summary>
    private static byte[] Text(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(' ' + bytes[i] % 95);
        }

        return bytes;
    }

    private IRealtimeTransport Create(Action<ReceivedMessage> onFrame, Action onDisconnected, string token = "token") =>
        new SocketTransportFactory(TimeProvider.System, _logger).Create(1, Url, token, onFrame, onDisconnected);
}
