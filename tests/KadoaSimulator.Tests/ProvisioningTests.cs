using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

[Trait("Category", "Integration")]
public sealed class ProvisioningTests
{
    private static readonly JsonObject WebSocketChannel = new() { ["name"] = "bridge", ["channelType"] = "WEBSOCKET", ["config"] = new JsonObject() };

    [Theory]
    [InlineData("GET", "v5/notifications/channels")]
    [InlineData("POST", "v5/notifications/channels")]
    [InlineData("GET", "v5/notifications/settings")]
    [InlineData("GET", "v5/notifications/event-types")]
    [InlineData("POST", "v5/notifications/test")]
    [InlineData("GET", "v5/changes")]
    public async Task Endpoint_WrongKey_Returns401(string method, string path)
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator, "wrong");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateChannel_SecondWebSocketChannel_Returns400AndKeepsOne()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);

        using var first = await http.PostAsJsonAsync("v5/notifications/channels", WebSocketChannel);
        using var second = await http.PostAsJsonAsync("v5/notifications/channels", WebSocketChannel);
        var created = await first.Content.ReadFromJsonAsync<JsonObject>();
        var error = await second.Content.ReadFromJsonAsync<JsonObject>();
        var listed = await http.GetFromJsonAsync<JsonObject>("v5/notifications/channels");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("WEBSOCKET", created!["data"]!["channel"]!["channelType"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(400, error!["status"]!.GetValue<int>());
        Assert.Contains("one", error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Single(listed!["data"]!["channels"]!.AsArray());
        Assert.Single(simulator.Channels);
    }

    [Theory]
    [InlineData("{\"channelType\":\"WEBSOCKET\",\"config\":{}}")]
    [InlineData("{\"name\":\"x\",\"channelType\":\"PIGEON\",\"config\":{}}")]
    [InlineData("{\"name\":\"x\",\"channelType\":\"WEBSOCKET\"}")]
    [InlineData("{\"name\":\"x\",\"channelType\":\"WEBHOOK\",\"config\":{\"httpMethod\":\"POST\"}}")]
    [InlineData("not json")]
    public async Task CreateChannel_InvalidBody_Returns400(string body)
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("v5/notifications/channels", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(simulator.Channels);
    }

    [Fact]
    public async Task SeededChannelAndSetting_Listed_WithLinkedConfigurationsAndResolvedChannels()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        var email = simulator.SeedChannel("ops mail", "EMAIL");
        var socket = simulator.SeedChannel("existing socket");
        var settingId = simulator.SeedSetting("workflow_data_change", [email, socket], workflowId: "wf-1");

        var channels = (await http.GetFromJsonAsync<JsonObject>("v5/notifications/channels?workflowId=wf-1"))!["data"]!["channels"]!.AsArray();
        var setting = (await http.GetFromJsonAsync<JsonObject>($"v5/notifications/settings/{settingId}"))!["data"]!["settings"]!;

        Assert.Equal([email, socket], channels.Select(c => c!["id"]!.GetValue<string>()));
        var linked = Assert.Single(channels[1]!["linkedConfigurations"]!.AsArray())!;
        Assert.Equal(settingId, linked["configurationId"]!.GetValue<string>());
        Assert.Equal("workflow_data_change", linked["eventType"]!.GetValue<string>());
        Assert.Equal(["EMAIL", "WEBSOCKET"], setting["channels"]!.AsArray().Select(c => c!["channelType"]!.GetValue<string>()));
        Assert.Throws<InvalidOperationException>(() => simulator.SeedChannel("second socket"));
    }

    [Fact]
    public async Task Settings_CreateUpdateDelete_RoundTrips()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        var channelId = simulator.SeedChannel("bridge");
        var other = simulator.SeedChannel("hook", "WEBHOOK");

        using var created = await http.PostAsJsonAsync("v5/notifications/settings", new { workflowId = "wf-1", eventType = "workflow_data_change", eventConfiguration = new { }, enabled = true, channelIds = new[] { channelId } });
        var setting = (await created.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["settings"]!;
        var id = setting["id"]!.GetValue<string>();
        using var updated = await http.PutAsJsonAsync($"v5/notifications/settings/{id}", new { enabled = false, channelIds = new[] { channelId, other } });
        var afterUpdate = (await updated.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["settings"]!;
        using var deleted = await http.DeleteAsync($"v5/notifications/settings/{id}");
        using var deletedAgain = await http.DeleteAsync($"v5/notifications/settings/{id}");
        using var getDeleted = await http.GetAsync($"v5/notifications/settings/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("wf-1", setting["workflowId"]!.GetValue<string>());
        Assert.True(setting["enabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.False(afterUpdate["enabled"]!.GetValue<bool>());
        Assert.Equal("workflow_data_change", afterUpdate["eventType"]!.GetValue<string>());
        Assert.Equal([channelId, other], afterUpdate["channels"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(id, (await deleted.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["settingsId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, getDeleted.StatusCode);
        Assert.Empty(simulator.Settings);
    }

    [Fact]
    public async Task Settings_Filters_ByWorkflowEventTypeAndWorkspaceLevel()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        var channel = simulator.SeedChannel("bridge");
        simulator.SeedSetting("workflow_data_change", [channel], "wf-1");
        simulator.SeedSetting("workflow_failed", [channel], "wf-1");
        simulator.SeedSetting("workflow_data_change", [channel], "wf-2");
        using var workspace = await http.PostAsJsonAsync("v5/notifications/settings", new { eventType = "workflow_data_change", eventConfiguration = new { }, channelIds = new[] { channel } });

        async Task<string[]> QueryAsync(string query) =>
            [.. (await http.GetFromJsonAsync<JsonObject>($"v5/notifications/settings{query}"))!["data"]!["settings"]!.AsArray()
                .Select(s => $"{s!["workflowId"]?.GetValue<string>() ?? "null"}/{s["eventType"]!.GetValue<string>()}")];

        Assert.Equal(HttpStatusCode.Created, workspace.StatusCode);
        Assert.Equal(["wf-1/workflow_data_change", "wf-1/workflow_failed"], await QueryAsync("?workflowId=wf-1"));
        Assert.Equal(["wf-1/workflow_data_change", "wf-2/workflow_data_change", "null/workflow_data_change"], await QueryAsync("?eventType=workflow_data_change"));
        Assert.Equal(["null/workflow_data_change"], await QueryAsync("?workflowId=null"));
        Assert.Equal(["wf-1/workflow_failed"], await QueryAsync("?workflowId=wf-1,wf-2&eventType=workflow_failed"));
        Assert.Equal(4, (await QueryAsync(string.Empty)).Length);
    }

    [Theory]
    [InlineData("{\"workflowId\":\"wf-1\",\"eventType\":\"workflow_data_change\",\"eventConfiguration\":{}}")]
    [InlineData("{\"eventType\":\"not_a_type\",\"eventConfiguration\":{}}")]
    [InlineData("{\"eventType\":\"workflow_failed\"}")]
    [InlineData("{\"eventType\":\"workflow_failed\",\"eventConfiguration\":{},\"channelIds\":[\"missing\"]}")]
    [InlineData("{\"eventType\":\"workflow_failed\",\"eventConfiguration\":{},\"enabled\":\"yes\"}")]
    public async Task CreateSetting_DuplicateOrInvalid_Returns400(string body)
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        simulator.SeedSetting("workflow_data_change", [simulator.SeedChannel("bridge")], "wf-1");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("v5/notifications/settings", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<int>());
        Assert.Single(simulator.Settings);
    }

    [Fact]
    public async Task UpdateSetting_UnknownId_Returns404()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);

        using var response = await http.PutAsJsonAsync("v5/notifications/settings/nope", new { enabled = false });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
