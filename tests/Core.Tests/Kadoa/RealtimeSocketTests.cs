using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Realtime;
using Microsoft.Extensions.Time.Testing;

namespace KadoaBridge.Core.Tests.Kadoa;

/// <summary>The heartbeat watchdog and the socket's ends, on fake time and an in-memory transport: no server, no waiting.</summary>
public class RealtimeSocketTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeTransport _transport = new();

    [Fact]
    public async Task OpenAsync_FreshToken_ConnectsAndSubscribesFromTheCursor()
    {
        using var socket = await OpenAsync(cursor: "c-41");

        Assert.True(_transport.Connected);
        Assert.Equal("secret-token", _transport.AccessToken);
        Assert.Equal("""{"action":"subscribe","channel":"team-1","lastCursor":"c-41"}""", Assert.Single(_transport.Sent));
    }

    [Fact]
    public async Task WatchAsync_NoHeartbeat_EndsAsHeartbeatLostExactlyAtTheWindow()
    {
        using var socket = await OpenAsync();
        var watch = socket.WatchAsync(Window, CancellationToken.None);

        _time.Advance(Window - Tick);
        Assert.False(socket.Ended.IsCompleted);
        _time.Advance(Tick);

        Assert.Equal(SocketOutcome.HeartbeatLost, await watch.WaitAsync(Safety));
    }

    [Fact]
    public async Task WatchAsync_HeartbeatsOnTime_KeepsTheSocketThenEndsAWindowAfterTheLast()
    {
        using var socket = await OpenAsync();
        var watch = socket.WatchAsync(Window, CancellationToken.None);

        // Kadoa sends a heartbeat every 15 s: ten of them, five whole windows, and the socket stays.
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(15));
            Assert.False(socket.Ended.IsCompleted, $"ended after heartbeat {i}");
            _transport.Receive("""{"type":"heartbeat"}""");
        }

        _time.Advance(Window - Tick);
        Assert.False(socket.Ended.IsCompleted);
        _time.Advance(Tick);

        Assert.Equal(SocketOutcome.HeartbeatLost, await watch.WaitAsync(Safety));
    }

    [Fact]
    public async Task WatchAsync_ServerDropsTheConnection_EndsAsClosedWithoutWaitingForTheWindow()
    {
        using var socket = await OpenAsync();
        var watch = socket.WatchAsync(Window, CancellationToken.None);

        _transport.Drop();

        Assert.Equal(SocketOutcome.Closed, await watch.WaitAsync(Safety));
        Assert.True(socket.Disconnected.IsCompleted);
    }

    [Fact]
    public async Task WatchAsync_Draining_EndsAsDrainingWithKadoasDelayAndTheConnectionStaysOpen()
    {
        using var socket = await OpenAsync();
        var watch = socket.WatchAsync(Window, CancellationToken.None);

        _transport.Receive("""{"type":"control.draining","retryAfterMs":2500}""");

        Assert.Equal(SocketOutcome.Draining, await watch.WaitAsync(Safety));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), socket.DrainDelay);
        Assert.False(socket.Disconnected.IsCompleted); // a drained socket keeps delivering until Kadoa closes it
    }

    [Fact]
    public async Task CloseAsync_OpenSocket_ClosesTheTransportWithTheReason()
    {
        var socket = await OpenAsync();

        await socket.CloseAsync("replaced after drain");

        Assert.Equal("replaced after drain", _transport.ClosedBecause);
        Assert.False(_transport.Connected);
        Assert.Equal(SocketOutcome.Closed, await socket.Ended.WaitAsync(Safety));
    }

    /// <summary>Frames go to the socket the way <see cref="KadoaBridge.Core.Forwarding.FrameIntake"/> hands heartbeats and drains to it.</summary>
    private Task<RealtimeSocket> OpenAsync(string? cursor = null) =>
        RealtimeSocket.OpenAsync(
            _transport, 1, new Uri("wss://realtime.example/"), new RealtimeToken("secret-token", "team-1"), cursor, _time, OnFrame, CancellationToken.None);

    private void OnFrame(RealtimeSocket socket, ReceivedMessage message)
    {
        using var frame = FrameDecoder.Decode(message.Bytes, _time.GetUtcNow()).Frame!;
        if (frame.IsHeartbeat)
        {
            socket.OnHeartbeat();
        }
        else if (frame.IsDraining)
        {
            socket.OnDraining(frame.RetryAfter);
        }
    }
}
