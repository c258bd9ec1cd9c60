using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

[Trait("Category", "Integration")]
public sealed class TokenAndSocketTests
{
    [Fact]
    public async Task Token_ValidKey_ReturnsTokenAndTeamId()
    {
        await using var simulator = await TestClient.StartSimulatorAsync(o => o.TeamId = "team-42");
        using var http = TestClient.Http(simulator);

        using var response = await http.PostAsync("v4/oauth2/token", null);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(body!["access_token"]!.GetValue<string>()));
        Assert.Equal("team-42", body["team_id"]!.GetValue<string>());
        Assert.Equal(1, simulator.TokensIssued);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData(null)]
    public async Task Token_WrongOrMissingKey_Returns401WithKadoaError(string? apiKey)
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator, apiKey);

        using var response = await http.PostAsync("v4/oauth2/token", null);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, body!["status"]!.GetValue<int>());
        Assert.Equal("Invalid API key", body["message"]!.GetValue<string>());
        Assert.Equal(1, simulator.TokenRequestsRejected);
        Assert.Equal(0, simulator.TokensIssued);
    }

    [Fact]
    public async Task Token_KeyRevokedAtRunTime_Returns401()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        simulator.ApiKeyAccepted = "rotated-key";

        using var response = await http.PostAsync("v4/oauth2/token", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Connect_UnknownToken_UpgradeRejectedWith401()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var cts = new CancellationTokenSource(TestClient.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(TestClient.SocketUri(simulator, "not-a-token"), cts.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Equal(0, simulator.OpenSockets);
    }

    [Fact]
    public async Task Connect_ReusedToken_SecondUpgradeRejectedWith401()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        var token = await TestClient.GetTokenAsync(simulator);
        using var first = new ClientWebSocket();
        using var second = new ClientWebSocket();
        second.Options.CollectHttpResponseDetails = true;
        using var cts = new CancellationTokenSource(TestClient.Timeout);

        await first.ConnectAsync(TestClient.SocketUri(simulator, token), cts.Token);
        await Assert.ThrowsAsync<WebSocketException>(() => second.ConnectAsync(TestClient.SocketUri(simulator, token), cts.Token));

        Assert.Equal(WebSocketState.Open, first.State);
        Assert.Equal(HttpStatusCode.Unauthorized, second.HttpStatusCode);
    }

    [Fact]
    public async Task Subscribe_WrongChannel_ClosedWithPolicyViolation()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator, channel: "someone-elses-team");

        var text = await client.ReceiveTextAsync();

        Assert.Null(text);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.Socket.CloseStatus);
        Assert.Equal("someone-elses-team", Assert.Single(simulator.Subscriptions).Channel);
        Assert.Equal(0, simulator.SubscribedSockets);
    }

    [Fact]
    public async Task Subscribe_Recorded_WithSocketNumberAndCursor()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var first = await TestClient.ConnectAsync(simulator);
        await using var second = await TestClient.ConnectAsync(simulator, lastCursor: "cur-00000000");

        var records = simulator.Subscriptions;

        Assert.Equal([1, 2], records.Select(r => r.SocketNumber));
        Assert.Null(records[0].LastCursor);
        Assert.Equal("cur-00000000", records[1].LastCursor);
        Assert.All(records, r => Assert.Equal(simulator.TeamId, r.Channel));
        await simulator.WaitForSubscribersAsync(2, TestClient.Timeout);
        Assert.Equal(2, simulator.OpenSockets);
    }

    [Fact]
    public async Task RequestLog_SocketUpgrade_LogsPathWithoutToken()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        var log = simulator.RequestLog;

        Assert.Contains("POST /v4/oauth2/token", log);
        Assert.Contains("GET /realtime", log);
        Assert.DoesNotContain(log, line => line.Contains("access_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitForSubscribers_TooFew_ThrowsTimeout()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);

        await Assert.ThrowsAsync<TimeoutException>(() => simulator.WaitForSubscribersAsync(2, TimeSpan.FromMilliseconds(300)));
    }
}
