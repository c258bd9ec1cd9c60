using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

[Trait("Category", "Integration")]
public sealed class DeliveryTests
{
    [Fact]
    public async Task Emit_SeveralEvents_ArriveInLogOrder()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        for (var i = 0; i < 5; i++)
        {
            await simulator.EmitAsync("workflow_finished", new JsonObject { ["n"] = i });
        }

        var frames = await client.ReceiveEventsAsync(5);

        Assert.Equal([0, 1, 2, 3, 4], frames.Select(f => f["data"]!["n"]!.GetValue<int>()));
        Assert.Equal(simulator.Log.Select(e => e.Cursor), frames.Select(f => f["_cursor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Subscribe_NoCursor_ReceivesOnlyLiveEvents()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await simulator.EmitAsync("workflow_started", null);
        await using var client = await TestClient.ConnectAsync(simulator);

        await simulator.EmitAsync("workflow_finished", null);
        var frame = await client.ReceiveEventAsync();

        Assert.Equal("dlv-2", frame["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_LastCursor_ReplaysEventsAfterCursorThenLive()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        for (var i = 0; i < 5; i++)
        {
            await simulator.EmitAsync("workflow_finished", new JsonObject { ["n"] = i });
        }

        await using var client = await TestClient.ConnectAsync(simulator, lastCursor: simulator.Log[1].Cursor);
        await simulator.EmitAsync("workflow_finished", new JsonObject { ["n"] = 5 });
        var frames = await client.ReceiveEventsAsync(4);

        Assert.Equal([2, 3, 4, 5], frames.Select(f => f["data"]!["n"]!.GetValue<int>()));
        Assert.Equal(simulator.Log[1].Cursor, simulator.Subscriptions[0].LastCursor);
    }

    [Fact]
    public async Task Emit_TwoSubscribedSockets_BothReceiveSameOrder()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var first = await TestClient.ConnectAsync(simulator);
        await using var second = await TestClient.ConnectAsync(simulator);

        await simulator.EmitBurstAsync(50, i => ("workflow_finished", new JsonObject { ["n"] = i }));
        var a = await first.ReceiveEventsAsync(50);
        var b = await second.ReceiveEventsAsync(50);

        Assert.Equal(a.Select(f => f.ToJsonString()), b.Select(f => f.ToJsonString()));
    }

    [Fact]
    public async Task Ack_ValidBody_CountedAndAnsweredSuccess()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = new HttpClient { Timeout = TestClient.Timeout };
        var emitted = await simulator.EmitAsync("workflow_finished", null);

        using var first = await http.PostAsJsonAsync($"{simulator.RealtimeHttpUrl}/api/v1/events/ack", new { id = emitted.DeliveryId });
        using var second = await http.PostAsJsonAsync($"{simulator.RealtimeHttpUrl}/api/v1/events/ack", new { id = emitted.DeliveryId });
        var body = await first.Content.ReadFromJsonAsync<JsonObject>();
        await simulator.WaitForAcksAsync([emitted.DeliveryId], TestClient.Timeout);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(body!["success"]!.GetValue<bool>());
        Assert.Equal(2, simulator.AckCounts[emitted.DeliveryId]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"eventId\":\"dlv-1\"}")]
    [InlineData("{\"id\":42}")]
    [InlineData("[\"dlv-1\"]")]
    public async Task Ack_BadBody_Returns400(string body)
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = new HttpClient { Timeout = TestClient.Timeout };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync($"{simulator.RealtimeHttpUrl}/api/v1/events/ack", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(simulator.AckCounts);
    }

    [Fact]
    public async Task WaitForAcks_MissingAck_ThrowsTimeout()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();

        await Assert.ThrowsAsync<TimeoutException>(() => simulator.WaitForAcksAsync(["dlv-1"], TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task RedeliverUnacked_SomeAcked_ResendsOnlyUnackedWithSameBytes()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);
        using var http = new HttpClient { Timeout = TestClient.Timeout };
        await simulator.EmitBurstAsync(4, i => ("workflow_finished", new JsonObject { ["n"] = i }));
        var original = await client.ReceiveEventsAsync(4);
        await simulator.EmitAsync("no_id", null, new EmitOptions { OmitDeliveryId = true });
        await client.ReceiveEventAsync();
        foreach (var id in new[] { "dlv-1", "dlv-3" })
        {
            using var response = await http.PostAsJsonAsync($"{simulator.RealtimeHttpUrl}/api/v1/events/ack", new { id });
        }

        await simulator.RedeliverUnackedAsync();
        await simulator.EmitAsync("marker", null);
        var resent = new List<JsonObject>();
        for (var frame = await client.ReceiveEventAsync(); frame["type"]!.GetValue<string>() != "marker"; frame = await client.ReceiveEventAsync())
        {
            resent.Add(frame);
        }

        Assert.Equal(["dlv-2", "dlv-4"], resent.Select(f => f["id"]!.GetValue<string>()));
        Assert.Equal([original[1].ToJsonString(), original[3].ToJsonString()], resent.Select(f => f.ToJsonString()));
    }

    [Fact]
    public async Task EmitBurst_1000Events_ArriveCompleteAndOrdered()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        await simulator.EmitBurstAsync(1000, i => ("workflow_finished", new JsonObject { ["n"] = i }));
        var frames = await client.ReceiveEventsAsync(1000);

        Assert.Equal(Enumerable.Range(0, 1000), frames.Select(f => f["data"]!["n"]!.GetValue<int>()));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => $"dlv-{i}"), frames.Select(f => f["id"]!.GetValue<string>()));
        Assert.Equal(1000, simulator.Log.Count);
    }

    [Fact]
    public async Task EmitAtRate_50PerSecond_PacedOverExpectedTime()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);
        var stopwatch = Stopwatch.StartNew();

        await simulator.EmitAtRateAsync(50, 20, i => ("workflow_finished", new JsonObject { ["n"] = i }));
        var elapsed = stopwatch.Elapsed;
        var frames = await client.ReceiveEventsAsync(20);

        // Event 19 is due 19/50 s = 380 ms after the first.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(370), $"took {elapsed}");
        Assert.Equal(Enumerable.Range(0, 20), frames.Select(f => f["data"]!["n"]!.GetValue<int>()));
        var spread = simulator.Log[^1].Timestamp - simulator.Log[0].Timestamp;
        Assert.True(spread >= TimeSpan.FromMilliseconds(370), $"spread {spread}");
    }
}
