using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

[Trait("Category", "Integration")]
public sealed class NotificationTests
{
    [Fact]
    public async Task EventTypes_List_HasEveryKadoaTypeWithSchema()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);

        var types = (await http.GetFromJsonAsync<JsonObject>("v5/notifications/event-types"))!["data"]!["eventTypes"]!.AsArray();

        Assert.Equal(
            ["workflow_started", "workflow_finished", "workflow_failed", "workflow_sample_finished", "workflow_data_change", "system_maintenance", "service_degradation", "credits_low", "free_trial_ending"],
            types.Select(t => t!["type"]!.GetValue<string>()));
        Assert.All(types, t => Assert.Equal("object", t!["schema"]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TestNotification_DataChange_EmitsOntoSocket()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        await using var client = await TestClient.ConnectAsync(simulator);
        using var http = TestClient.Http(simulator);

        using var response = await http.PostAsJsonAsync("v5/notifications/test", new { eventType = "workflow_data_change", workflowId = "wf-9" });
        var data = (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;
        var frame = await client.ReceiveEventAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("workflow_data_change", frame["type"]!.GetValue<string>());
        Assert.Equal("wf-9", frame["data"]!["workflowId"]!.GetValue<string>());
        Assert.Equal(data["eventId"]!.GetValue<string>(), frame["id"]!.GetValue<string>());
        Assert.StartsWith("chg-", frame["data"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"eventType\":\"nonsense\"}")]
    public async Task TestNotification_MissingOrUnknownType_Returns400(string body)
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("v5/notifications/test", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(simulator.Log);
    }
}
