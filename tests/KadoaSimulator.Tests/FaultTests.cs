using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

[Trait("Category", "Integration")]
public sealed class FaultTests
{
    [Fact]
    public async Task Drain_OverlapThenClose_OldSocketGetsDrainingAndEventsThenNormalClose()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var old = await TestClient.ConnectAsync(simulator);

        var drain = simulator.DrainAsync(250, TimeSpan.FromSeconds(3));
        var draining = await old.ReceiveEventAsync();
        await using var replacement = await TestClient.ConnectAsync(simulator, lastCursor: null);
        await simulator.WaitForSubscribersAsync(2, TestClient.Timeout);
        var during = await simulator.EmitAsync("workflow_finished", null);
        var onOld = await old.ReceiveEventAsync();
        var onReplacement = await replacement.ReceiveEventAsync();
        await drain;
        var afterOverlap = await ReceiveUntilCloseAsync(old);
        var after = await simulator.EmitAsync("workflow_finished", null);
        var stillLive = await replacement.ReceiveEventAsync();

        Assert.Equal("control.draining", draining["type"]!.GetValue<string>());
        Assert.Equal(250, draining["retryAfterMs"]!.GetValue<int>());
        Assert.Equal(during.DeliveryId, onOld["id"]!.GetValue<string>());
        Assert.Equal(during.DeliveryId, onReplacement["id"]!.GetValue<string>());
        Assert.Equal(0, afterOverlap);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, old.Socket.CloseStatus);
        Assert.Equal(after.DeliveryId, stillLive["id"]!.GetValue<string>());
        Assert.Equal(WebSocketState.Open, replacement.Socket.State);
        await simulator.WaitUntilAsync(() => simulator.OpenSockets == 1, TestClient.Timeout, () => "old socket still open");
    }

    [Fact]
    public async Task AbortAllSockets_OpenSocket_ClientSeesAbruptCloseWithoutCloseFrame()
    {
        await using var simulator = await TestClient.StartSimulatorAsync(o => o.HeartbeatInterval = TimeSpan.FromMinutes(5));
        await using var client = await TestClient.ConnectAsync(simulator);

        simulator.AbortAllSockets();
        var error = await Assert.ThrowsAsync<WebSocketException>(() => client.ReceiveTextAsync());

        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, error.WebSocketErrorCode);
        Assert.Null(client.Socket.CloseStatus);
        await simulator.WaitUntilAsync(() => simulator.OpenSockets == 0, TestClient.Timeout, () => "socket not released");
        Assert.Equal(0, simulator.SubscribedSockets);
    }

    [Fact]
    public async Task AbortAllSockets_ClientReconnects_NewSocketWorks()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using (await TestClient.ConnectAsync(simulator))
        {
            simulator.AbortAllSockets();
        }

        await using var client = await TestClient.ConnectAsync(simulator);
        var emitted = await simulator.EmitAsync("workflow_finished", null);

        Assert.Equal(emitted.DeliveryId, (await client.ReceiveEventAsync())["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailNextRequests_TokenPath_FailsCountTimesThenRecovers()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        simulator.FailNextRequests("/v4/oauth2/token", 503, 2);

        var statuses = new List<HttpStatusCode>();
        JsonObject? errorBody = null;
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync("v4/oauth2/token", null);
            statuses.Add(response.StatusCode);
            errorBody ??= await response.Content.ReadFromJsonAsync<JsonObject>();
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Equal(503, errorBody!["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(errorBody["message"]!.GetValue<string>()));
        Assert.Equal(1, simulator.TokensIssued);
    }

    [Fact]
    public async Task FailNextRequests_OtherPath_Unaffected()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        simulator.FailNextRequests("/v5/changes", 500, 1);

        using var token = await http.PostAsync("v4/oauth2/token", null);
        using var changes = await http.GetAsync("v5/changes");
        using var changesAgain = await http.GetAsync("v5/changes");

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, changes.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changesAgain.StatusCode);
    }

    [Fact]
    public async Task FailNextRequests_RealtimeUpgrade_RejectedWithStatus()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        var token = await TestClient.GetTokenAsync(simulator);
        simulator.FailNextRequests("/realtime", 502, 1);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var cts = new CancellationTokenSource(TestClient.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(TestClient.SocketUri(simulator, token), cts.Token));

        Assert.Equal(HttpStatusCode.BadGateway, socket.HttpStatusCode);
    }

    private static async Task<int> ReceiveUntilCloseAsync(TestClient client)
    {
        var frames = 0;
        for (var i = 0; i < 1000; i++)
        {
            var text = await client.ReceiveTextAsync();
            if (text is null)
            {
                return frames;
            }

            frames += text.Contains("\"heartbeat\"", StringComparison.Ordinal) ? 0 : 1;
        }

        throw new InvalidOperationException("No close frame.");
    }
}
