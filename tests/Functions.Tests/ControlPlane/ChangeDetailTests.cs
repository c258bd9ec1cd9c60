using System.Text;
using System.Text.Json.Nodes;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Tests.Ingest;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary><c>GET /api/changes/{workflowId}/{changeId}</c>: the stored event with its snapshot, however it was stored.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ChangeDetailTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Time = new(2024, 11, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetChange_InlineSnapshot_RoundTrips()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-inline");
        var id = SampleEvents.NewId();
        const string Rows = """[{"title":"Lamp","price":49.5},{"title":"Desk","price":199}]""";
        await harness.IngestAllAsync([ChangeEvents.DataChange(id, workflow, Time, Rows)]);

        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        Assert.Equal(id, (string)answer.Json["id"]!);
        Assert.Equal(workflow, (string)answer.Json["workflowId"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Rows), answer.Json["snapshot"]), answer.Body);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ChangeEvents.DataChange(id, workflow, Time, Rows)), answer.Json["event"]));
    }

    [Fact]
    public async Task GetChange_SnapshotMovedToBlob_DownloadedAndRoundTrips()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-blob");
        var id = SampleEvents.NewId();
        var rows = SampleEvents.Rows(40 * 1024); // above ingest's 16 KiB offload threshold
        await harness.IngestAllAsync([ChangeEvents.DataChange(id, workflow, Time, rows)]);

        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        var data = answer.Json["event"]!["data"]!;
        Assert.Null(data["snapshot"]);
        Assert.NotNull(data["snapshotRef"]?["url"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(rows), answer.Json["snapshot"]), "The snapshot differs from the one ingested.");
    }

    [Fact]
    public async Task GetChange_WholeDataByReference_SnapshotFromThePayloadBlob()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-payload");
        var id = SampleEvents.NewId();
        const string Rows = """[{"title":"Chair","price":80}]""";
        var data = $$"""{"changeId":"{{id}}","workflowId":"{{workflow}}","differences":[],"snapshot":{{Rows}}}""";
        var url = await harness.Service<ClaimCheckStore>().UploadAsync($"{id}/data.json", Encoding.UTF8.GetBytes(data), "application/json", CancellationToken.None);
        await harness.IngestAllAsync([ChangeEvents.DataByReference(id, workflow, Time, url, data.Length)]);

        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Rows), answer.Json["snapshot"]), answer.Body);
    }

    [Fact]
    public async Task GetChange_EventWithoutSnapshot_SnapshotNull()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-nosnap");
        var id = SampleEvents.NewId();
        await harness.IngestAllAsync([ChangeEvents.WorkflowFinished(id, workflow, Time)]);

        var answer = (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);

        Assert.Equal(ChangeEvents.Finished, (string)answer.Json["type"]!);
        Assert.Null(answer.Json["snapshot"]);
    }

    [Fact]
    public async Task GetChange_OtherWorkflowOrUnknownId_404()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-404");
        var id = SampleEvents.NewId();
        await harness.IngestAllAsync([ChangeEvents.DataChange(id, workflow, Time)]);

        (await harness.GetChangeAsync(ChangeEvents.NewWorkflow("wf-not-it"), id)).AssertStatus(404);
        (await harness.GetChangeAsync(workflow, SampleEvents.NewId())).AssertStatus(404);
        (await harness.GetChangeAsync(workflow, id)).AssertStatus(200);
    }
}
