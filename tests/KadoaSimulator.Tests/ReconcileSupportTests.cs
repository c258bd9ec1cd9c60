using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

/// <summary>What the bridge's reconciliation needs from the simulator: a bounded backlog, dataPending events, Retry-After.</summary>
[Trait("Category", "Integration")]
public sealed class ReconcileSupportTests
{
    [Fact]
    public async Task Subscribe_LastCursorOlderThanTheBacklog_ReplaysOnlyTheLatestEvents()
    {
        await using var simulator = await TestClient.StartSimulatorAsync(o => o.RealtimeBacklog = 3);
        for (var i = 0; i < 8; i++)
        {
            await simulator.EmitAsync("workflow_finished", new JsonObject { ["n"] = i });
        }

        await using var client = await TestClient.ConnectAsync(simulator, lastCursor: simulator.Log[0].Cursor);
        await simulator.EmitAsync("workflow_finished", new JsonObject { ["n"] = 8 });
        var frames = await client.ReceiveEventsAsync(4);

        Assert.Equal([5, 6, 7, 8], frames.Select(f => f["data"]!["n"]!.GetValue<int>())); // 1..4 are gone for this cursor
    }

    [Fact]
    public async Task EmitDataPending_EventCarriesNoDataUntilKadoaStoredIt()
    {
        await using var simulator = await TestClient.StartSimulatorAsync(o => o.EmitDataPending = true);
        await using var client = await TestClient.ConnectAsync(simulator);
        using var http = TestClient.Http(simulator);

        var emitted = await simulator.EmitDataChangeAsync("wf-1", snapshotRows: 2);
        var frame = await client.ReceiveEventAsync();
        var whilePending = await http.GetFromJsonAsync<JsonObject>($"v5/changes/{emitted.ChangeId}");
        Assert.True(simulator.SetChangeDataPending(emitted.ChangeId!, false));
        var stored = await http.GetFromJsonAsync<JsonObject>($"v5/changes/{emitted.ChangeId}");

        Assert.True(frame["data"]!["dataPending"]!.GetValue<bool>());
        Assert.Null(frame["data"]!["data"]);
        Assert.True(whilePending!["dataPending"]!.GetValue<bool>());
        Assert.Null(whilePending["data"]);
        Assert.False(stored!["dataPending"]!.GetValue<bool>());
        Assert.Equal(2, stored["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task FailNextRequests_WithRetryAfter_AnswersTheHeaderThenServes()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        simulator.FailNextRequests("/v5/changes", 429, 1, retryAfter: TimeSpan.FromSeconds(3));

        using var refused = await http.GetAsync("v5/changes");
        using var served = await http.GetAsync("v5/changes");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(["GET /v5/changes", "GET /v5/changes"], simulator.TimedRequestLog.Select(r => r.Request).Where(r => r.Contains("changes", StringComparison.Ordinal)));
    }
}
