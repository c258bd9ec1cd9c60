using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Kadoa.Realtime;
using Microsoft.Extensions.Time.Testing;

namespace KadoaBridge.Core.Tests.Kadoa;

/// <summary>The receiver's waits between sockets (drain delay, backoff, healthy reset) on fake time.</summary>
public class ReconnectPacingTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeTransport _transport = new();
    private readonly KadoaOptions _options = new()
    {
        ReconnectMinDelay = TimeSpan.FromSeconds(1),
        ReconnectMaxDelay = TimeSpan.FromSeconds(60),
        HealthyConnectionReset = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public async Task BeforeReplacing_KadoaAskedForADelay_WaitsExactlyThatWhateverTheBackoff()
    {
        var state = new ListenerState(_time);
        var pacing = new ReconnectPacing(_options, state, _time, new Random(3));
        for (var i = 0; i < 8; i++)
        {
            pacing.AfterFailure(); // the backoff is high by now
        }

        using var draining = await OpenAsync();
        _transport.Receive("""{"type":"control.draining","retryAfterMs":2500}""");
        var delay = pacing.BeforeReplacing(draining);
        var wait = Task.Delay(delay, _time); // how the receiver waits before opening the replacement

        Assert.Equal(TimeSpan.FromMilliseconds(2500), delay);
        _time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(Safety);
    }

    [Fact]
    public async Task BeforeReplacing_DrainWithoutUsableDelay_WaitsTheBackoffFromTheMinimumAfterEvents()
    {
        var pacing = new ReconnectPacing(_options, new ListenerState(_time), _time, new Random(3));
        pacing.AfterFailure();
        pacing.AfterFailure();

        using var draining = await OpenAsync();
        draining.OnEvent();
        _transport.Receive("""{"type":"control.draining","retryAfterMs":-1}""");

        Assert.Null(draining.DrainDelay);
        Assert.InRange(pacing.BeforeReplacing(draining), TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25));
    }

    [Fact]
    public async Task AfterSocket_QuietSocketUpLongerThanTheHealthyReset_StartsFromTheMinimum()
    {
        var state = new ListenerState(_time);
        var pacing = new ReconnectPacing(_options, state, _time, new Random(5));
        for (var i = 0; i < 6; i++)
        {
            pacing.AfterFailure();
        }

        using var socket = await OpenAsync();
        state.SetState(ConnectionState.Connected);
        _time.Advance(_options.HealthyConnectionReset - TimeSpan.FromSeconds(1));
        var shortLived = pacing.AfterSocket(socket);
        state.SetState(ConnectionState.Connected);
        _time.Advance(_options.HealthyConnectionReset);
        var longLived = pacing.AfterSocket(socket);

        Assert.True(shortLived >= TimeSpan.FromSeconds(45), $"a quiet socket that dropped early keeps backing off: {shortLived}");
        Assert.InRange(longLived, TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25));
    }

    [Fact]
    public void AfterFailure_ManyFailures_GrowsThenStaysWithinTheJitterBoundsAndTheCap()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var pacing = new ReconnectPacing(_options, new ListenerState(_time), _time, new Random(seed));
            var delays = Enumerable.Range(0, 40).Select(_ => pacing.AfterFailure()).ToList();

            for (var attempt = 0; attempt < delays.Count; attempt++)
            {
                var expected = Math.Min(60, Math.Pow(2, Math.Min(attempt, 20)));
                Assert.InRange(delays[attempt].TotalSeconds, expected * 0.75, Math.Min(60, expected * 1.25));
            }
        }
    }

    private Task<RealtimeSocket> OpenAsync() =>
        RealtimeSocket.OpenAsync(
            _transport, 1, new Uri("wss://realtime.example/"), new RealtimeToken("t", "team-1"), null, _time,
            (socket, message) =>
            {
                using var frame = FrameDecoder.Decode(message.Bytes, _time.GetUtcNow()).Frame!;
                if (frame.IsDraining)
                {
                    socket.OnDraining(frame.RetryAfter);
                }
            },
            CancellationToken.None);
}
