namespace KadoaBridge.KadoaSimulator.Tests;

[Trait("Category", "Integration")]
public sealed class HeartbeatTests
{
    [Fact]
    public async Task Heartbeat_Interval200Ms_ArrivesWithTypeAndTimestamp()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        var frame = await client.ReceiveFrameAsync();

        Assert.Equal(["type", "timestamp"], frame.Select(p => p.Key));
        Assert.Equal("heartbeat", frame["type"]!.GetValue<string>());
        Assert.InRange(frame["timestamp"]!.GetValue<long>(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task HeartbeatsPaused_ThreeIntervals_NoHeartbeatUntilResumed()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);
        await client.ReceiveFrameAsync();

        simulator.HeartbeatsPaused = true;
        await simulator.EmitAsync("marker", null);
        await ReadUntilMarkerAsync(client, "dlv-1");
        var ticks = simulator.HeartbeatTicks;
        await simulator.WaitUntilAsync(() => simulator.HeartbeatTicks >= ticks + 3, TestClient.Timeout, () => "heartbeat timer did not tick");
        await simulator.EmitAsync("marker", null);
        var heartbeatsWhilePaused = await ReadUntilMarkerAsync(client, "dlv-2");
        simulator.HeartbeatsPaused = false;
        var resumed = await client.ReceiveFrameAsync();

        Assert.Equal(0, heartbeatsWhilePaused);
        Assert.Equal("heartbeat", resumed["type"]!.GetValue<string>());
    }

    private static async Task<int> ReadUntilMarkerAsync(TestClient client, string deliveryId)
    {
        var heartbeats = 0;
        for (var i = 0; i < 1000; i++)
        {
            var frame = await client.ReceiveFrameAsync();
            if (frame["id"]?.GetValue<string>() == deliveryId)
            {
                return heartbeats;
            }

            heartbeats += frame["type"]!.GetValue<string>() == "heartbeat" ? 1 : 0;
        }

        throw new InvalidOperationException("Marker never arrived.");
    }
}
