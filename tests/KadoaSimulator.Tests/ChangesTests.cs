using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator.Tests;

[Trait("Category", "Integration")]
public sealed class ChangesTests
{
    [Fact]
    public async Task GetChange_EmittedChange_ReturnsPayloadWithRestFields()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        var emitted = await simulator.EmitDataChangeAsync("wf-1", snapshotRows: 2);

        var change = await http.GetFromJsonAsync<JsonObject>($"v5/changes/{emitted.ChangeId}");

        Assert.Equal(emitted.ChangeId, change!["id"]!.GetValue<string>());
        Assert.Equal("wf-1", change["workflowId"]!.GetValue<string>());
        Assert.Equal(2, change["data"]!.AsArray().Count);
        Assert.False(change["dataPending"]!.GetValue<bool>());
        Assert.NotNull(change["summary"]);
        Assert.NotNull(change["screenshotUrl"]);
        Assert.Equal(3, change["differences"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetChange_UnknownId_Returns404()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);

        using var response = await http.GetAsync("v5/changes/chg-missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListChanges_WorkflowFilterAndPaging_NewestFirst()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await simulator.EmitDataChangeAsync("wf-a", 1)).ChangeId!);
            await simulator.EmitDataChangeAsync("wf-b", 1);
        }

        await simulator.EmitAsync("workflow_finished", null);
        var firstPage = await http.GetFromJsonAsync<JsonObject>("v5/changes?workflowIds=wf-a&skip=0&limit=2");
        var lastPage = await http.GetFromJsonAsync<JsonObject>("v5/changes?workflowIds=wf-a&skip=4&limit=2");
        var both = await http.GetFromJsonAsync<JsonObject>("v5/changes?workflowIds=wf-a,wf-b");

        ids.Reverse();
        Assert.Equal(5, firstPage!["changesCount"]!.GetValue<int>());
        Assert.Equal(ids.Take(2), firstPage["changes"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(1, firstPage["pagination"]!["page"]!.GetValue<int>());
        Assert.Equal(3, firstPage["pagination"]!["totalPages"]!.GetValue<int>());
        Assert.Equal(ids.Skip(4), lastPage!["changes"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(10, both!["pagination"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListChanges_DateRange_FiltersOnCreatedAt()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        var emitted = await simulator.EmitDataChangeAsync("wf-1");
        var createdAt = DateTimeOffset.Parse(emitted.Payload!["createdAt"]!.GetValue<string>());

        var inside = await http.GetFromJsonAsync<JsonObject>($"v5/changes?startDate={Iso(createdAt.AddMinutes(-1))}&endDate={Iso(createdAt.AddMinutes(1))}");
        var after = await http.GetFromJsonAsync<JsonObject>($"v5/changes?startDate={Iso(createdAt.AddMinutes(1))}");

        Assert.Equal(1, inside!["changesCount"]!.GetValue<int>());
        Assert.Equal(0, after!["changesCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("startDate=yesterday")]
    [InlineData("startDate=2025-02-01T00:00:00Z&endDate=2025-01-01T00:00:00Z")]
    [InlineData("limit=0")]
    [InlineData("skip=-1")]
    public async Task ListChanges_InvalidQuery_Returns400(string query)
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);

        using var response = await http.GetAsync($"v5/changes?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetChange_DataPending_NullDataUntilCleared()
    {
        await using var simulator = await TestClient.StartSimulatorAsync();
        using var http = TestClient.Http(simulator);
        var emitted = await simulator.EmitDataChangeAsync("wf-1", options: new EmitOptions { ChangeDataPending = true });

        var pending = await http.GetFromJsonAsync<JsonObject>($"v5/changes/{emitted.ChangeId}");
        Assert.True(simulator.SetChangeDataPending(emitted.ChangeId!, false));
        var ready = await http.GetFromJsonAsync<JsonObject>($"v5/changes/{emitted.ChangeId}");

        Assert.True(pending!["dataPending"]!.GetValue<bool>());
        Assert.Null(pending["data"]);
        Assert.False(ready!["dataPending"]!.GetValue<bool>());
        Assert.Equal(3, ready["data"]!.AsArray().Count);
    }

    private static string Iso(DateTimeOffset value) => Uri.EscapeDataString(value.UtcDateTime.ToString("O"));
}
