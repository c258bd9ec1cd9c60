using System.Text;
using System.Text.Json;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Kadoa.Realtime;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Tests.Contract;

public class CloudEventMapperTests
{
    private static readonly CloudEventMapper Mapper = new(new CloudEventMapperSettings(
        48 * 1024, new Uri("http://127.0.0.1:10000/devstoreaccount1/payloads"), new Uri("https://api.kadoa.com")));

    private const string DataChange = """
        {"type":"workflow_data_change","timestamp":1736367604663,"id":"dlv-9","_cursor":"c-9","data":{
          "id":"chg-123","workflowId":"wf-1","url":"https://shop.example/p/1","createdAt":"2025-01-08T20:20:04.663Z",
          "data":[{"title":"A","price":19.99}],
          "differences":[{"type":"changed","fields":[{"key":"price","value":19.99,"previousValue":24.99}]},
                         {"type":"added","fields":[{"key":"title","value":"New"}]},
                         {"type":"changed","fields":[{"key":"price","value":1}]}],
          "summary":"Price dropped","somethingNew":{"kept":true}}}
        """;

    [Fact]
    public void Map_DataChange_FollowsTheContract()
    {
        var e = MapToJson(DataChange, out var mapped);

        Assert.Equal("1.0", e.GetProperty("specversion").GetString());
        Assert.Equal("chg-123", e.GetProperty("id").GetString());
        Assert.Equal("chg-123", mapped.Id);
        Assert.Equal("https://www.kadoa.com/workflow/wf-1", e.GetProperty("source").GetString());
        Assert.Equal("Kadoa.Workflow.DataChanged", e.GetProperty("type").GetString());
        Assert.Equal("workflows/wf-1/changes/chg-123", e.GetProperty("subject").GetString());
        Assert.Equal("2025-01-08T20:20:04.663Z", e.GetProperty("time").GetString());
        Assert.Equal("application/json", e.GetProperty("datacontenttype").GetString());
        Assert.Equal("team-1", e.GetProperty("kadoateamid").GetString());
        Assert.Equal("wf-1", e.GetProperty("kadoaworkflowid").GetString());
        Assert.Equal("dlv-9", e.GetProperty("kadoadeliveryid").GetString());
        Assert.Equal("workflow_data_change", e.GetProperty("kadoaeventtype").GetString());
        var data = e.GetProperty("data");
        Assert.Equal("chg-123", data.GetProperty("changeId").GetString());
        Assert.Equal("wf-1", data.GetProperty("workflowId").GetString());
        Assert.Equal("https://shop.example/p/1", data.GetProperty("url").GetString());
        Assert.Equal("Price dropped", data.GetProperty("summary").GetString());
        Assert.Equal(19.99, data.GetProperty("snapshot")[0].GetProperty("price").GetDouble());
        Assert.Equal(3, data.GetProperty("differences").GetArrayLength());
        Assert.Equal(["changed", "added"], data.GetProperty("diffTypes").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["price", "title"], data.GetProperty("changedKeys").EnumerateArray().Select(x => x.GetString()));
        Assert.True(data.GetProperty("somethingNew").GetProperty("kept").GetBoolean());
        Assert.False(data.TryGetProperty("id", out _));
        Assert.False(data.TryGetProperty("data", out _));
        Assert.Equal("https://www.kadoa.com/data-diff/chg-123", data.GetProperty("links").GetProperty("dashboard").GetString());
        Assert.Equal("https://www.kadoa.com/workflow/wf-1", data.GetProperty("links").GetProperty("workflow").GetString());
        Assert.Equal("https://api.kadoa.com/v5/changes/chg-123", data.GetProperty("links").GetProperty("api").GetString());
        Assert.Null(mapped.ClaimCheck);
    }

    [Theory]
    [InlineData("workflow_started", "Kadoa.Workflow.Started")]
    [InlineData("workflow_finished", "Kadoa.Workflow.Finished")]
    [InlineData("workflow_failed", "Kadoa.Workflow.Failed")]
    [InlineData("workflow_sample_finished", "Kadoa.Workflow.SampleFinished")]
    [InlineData("system_maintenance", "Kadoa.System.Maintenance")]
    [InlineData("service_degradation", "Kadoa.System.ServiceDegraded")]
    [InlineData("credits_low", "Kadoa.Account.CreditsLow")]
    [InlineData("free_trial_ending", "Kadoa.Account.FreeTrialEnding")]
    [InlineData("brand_new_type", "Kadoa.Event.brand_new_type")]
    public void Map_EveryKadoaType_HasItsCloudEventType(string kadoaType, string expected)
    {
        var e = MapToJson($$$"""{"type":"{{{kadoaType}}}","timestamp":1736367604663,"id":"dlv-1","data":{"workflowId":"wf-2","reason":"r"}}""", out _);

        Assert.Equal(expected, e.GetProperty("type").GetString());
        Assert.Equal("dlv-1", e.GetProperty("id").GetString());
        Assert.Equal($"workflows/wf-2/events/{kadoaType}", e.GetProperty("subject").GetString());
        Assert.Equal("2025-01-08T20:20:04.663Z", e.GetProperty("time").GetString());
        Assert.Equal("r", e.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public void Map_TeamLevelEvent_UsesTheTeamAsSource()
    {
        var e = MapToJson("""{"type":"credits_low","timestamp":1736367604663,"id":"dlv-1","message":{"remaining":3}}""", out _);

        Assert.Equal("https://www.kadoa.com/team/team-1", e.GetProperty("source").GetString());
        Assert.Equal("teams/team-1/events/credits_low", e.GetProperty("subject").GetString());
        Assert.False(e.TryGetProperty("kadoaworkflowid", out _));
    }

    [Fact]
    public void Map_EventWithoutIds_GetsTheSameContentIdEachTime()
    {
        const string frame = """{"type":"system_maintenance","timestamp":1736367604663,"data":{"window":"tonight"}}""";
        var first = MapToJson(frame, out _).GetProperty("id").GetString();
        var second = MapToJson(frame, out _).GetProperty("id").GetString();

        Assert.StartsWith("kadoa-", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.NotEqual(first, MapToJson(frame.Replace("tonight", "tomorrow", StringComparison.Ordinal), out _).GetProperty("id").GetString());
    }

    [Fact]
    public void Map_DataChangeWithoutChangeId_FallsBackToDeliveryId()
    {
        var e = MapToJson("""{"type":"workflow_data_change","timestamp":1,"id":"dlv-7","data":{"workflowId":"wf","differences":[]}}""", out _);

        Assert.Equal("dlv-7", e.GetProperty("id").GetString());
    }

    [Fact]
    public void Map_LargeSnapshot_MovesItToAClaimCheckAndStaysWithinBudget()
    {
        var rows = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"title":"row {{i}} with some padding text","price":{{i}}}"""));
        var frame = $$$"""{"type":"workflow_data_change","timestamp":1,"id":"dlv-1","data":{"id":"chg-big","workflowId":"wf","data":[{{{rows}}}],"differences":[{"type":"added","fields":[{"key":"title","value":"x"}]}]}}""";

        var e = MapToJson(frame, out var mapped);

        Assert.True(mapped.CloudEvent.Length <= 48 * 1024);
        var reference = e.GetProperty("data").GetProperty("snapshotRef");
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/payloads/" + BlobNames.For("chg-big", "snapshot"), reference.GetProperty("url").GetString());
        Assert.Equal(mapped.ClaimCheck!.Content.Length, reference.GetProperty("size").GetInt64());
        Assert.False(e.GetProperty("data").TryGetProperty("snapshot", out _));
        Assert.Equal(["added"], e.GetProperty("data").GetProperty("diffTypes").EnumerateArray().Select(x => x.GetString()));
        using var stored = JsonDocument.Parse(mapped.ClaimCheck.Content);
        Assert.Equal(3000, stored.RootElement.GetArrayLength());
    }

    [Fact]
    public void Map_LargeSnapshotWithFrameBytes_ClaimCheckIsASliceOfThemNotACopy()
    {
        var rows = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"title":"row {{i}}","price":{{i}}}"""));
        var bytes = Encoding.UTF8.GetBytes($$$"""{"type":"workflow_data_change","timestamp":1,"id":"dlv-1","data":{"id":"chg-big","workflowId":"wf","data":[{{{rows}}}]}}""");
        using var frame = FrameDecoder.Decode(bytes, DateTimeOffset.UnixEpoch).Frame!;

        var sliced = Mapper.Map(frame, "team-1", frameBytes: bytes).ClaimCheck!.Content;
        var copied = Mapper.Map(frame, "team-1").ClaimCheck!.Content;

        Assert.True(sliced.Span.Overlaps(bytes)); // the received bytes themselves: the caller keeps them until stored
        Assert.False(copied.Span.Overlaps(bytes));
        Assert.True(sliced.Span.SequenceEqual(copied.Span));
        Assert.True(sliced.Span.SequenceEqual(Encoding.UTF8.GetBytes("[" + rows + "]")));
    }

    [Fact]
    public void Map_HugeDifferences_MovesTheWholeDataToAClaimCheck()
    {
        var fields = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"key":"k{{i}}","value":"value number {{i}}"}"""));
        var frame = $$$"""{"type":"workflow_data_change","timestamp":1,"id":"dlv-1","data":{"id":"chg-huge","workflowId":"wf","data":[],"differences":[{"type":"changed","fields":[{{{fields}}}]}]}}""";

        var e = MapToJson(frame, out var mapped);

        Assert.True(mapped.CloudEvent.Length <= 48 * 1024);
        var data = e.GetProperty("data");
        Assert.Equal("chg-huge", data.GetProperty("changeId").GetString());
        Assert.EndsWith("/payloads/" + BlobNames.For("chg-huge", "data"), data.GetProperty("payloadRef").GetProperty("url").GetString(), StringComparison.Ordinal);
        using var stored = JsonDocument.Parse(mapped.ClaimCheck!.Content);
        Assert.Equal(3000, stored.RootElement.GetProperty("changedKeys").GetArrayLength());
        Assert.Equal("chg-huge", stored.RootElement.GetProperty("changeId").GetString());
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    [InlineData("x?y#z")]
    [InlineData("ünï cødé ☃ 😀")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("..%2F..%2Fother")]
    [InlineData("CaseMatters")]
    public void Map_ReservedCharacterIds_ClaimCheckNamedByTheHashOfTheId(string id)
    {
        AssertNamedByHash(id);
        AssertNamedByHash(id + new string('x', 1200));
    }

    [Fact]
    public void Map_UpstreamSnapshotRefOrPayloadRef_NotPassedThrough()
    {
        const string Foreign = """
            "snapshotRef":{"url":"http://127.0.0.1:10000/devstoreaccount1/payloads/chg-other/snapshot.json","size":10},
            "payloadRef":{"url":"https://elsewhere.example/x.json","size":10}
            """;
        var small = MapToJson($$$"""{"type":"workflow_data_change","timestamp":1,"id":"dlv-1","data":{"id":"chg-up","workflowId":"wf","data":[{"a":1}],{{{Foreign}}}}}""", out _);
        var rows = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"title":"row {{i}} with some padding text","price":{{i}}}"""));
        var large = MapToJson($$$"""{"type":"workflow_data_change","timestamp":1,"id":"dlv-2","data":{"id":"chg-up","workflowId":"wf","data":[{{{rows}}}],{{{Foreign}}}}}""", out var mapped);

        Assert.False(small.GetProperty("data").TryGetProperty("snapshotRef", out _));
        Assert.False(small.GetProperty("data").TryGetProperty("payloadRef", out _));
        var references = large.GetProperty("data").EnumerateObject().Where(p => p.Name is "snapshotRef" or "payloadRef").ToList();
        var reference = Assert.Single(references);
        Assert.Equal("snapshotRef", reference.Name);
        Assert.EndsWith("/payloads/" + mapped.ClaimCheck!.BlobName, reference.Value.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    private static void AssertNamedByHash(string id)
    {
        var rows = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"title":"row {{i}} with some padding text","price":{{i}}}"""));
        var frame = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "workflow_data_change",
            ["timestamp"] = 1,
            ["id"] = "dlv-1",
            ["data"] = new System.Text.Json.Nodes.JsonObject { ["id"] = id, ["workflowId"] = "wf", ["data"] = System.Text.Json.Nodes.JsonNode.Parse($"[{rows}]"), ["differences"] = new System.Text.Json.Nodes.JsonArray() },
        };

        var e = MapToJson(frame.ToJsonString(), out var mapped);

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id))) + "/snapshot.json";
        Assert.Equal(id, e.GetProperty("id").GetString());
        Assert.Equal(expected, mapped.ClaimCheck!.BlobName);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/payloads/" + expected, e.GetProperty("data").GetProperty("snapshotRef").GetProperty("url").GetString());
    }

    private static JsonElement MapToJson(string frameText, out MappedEvent mapped)
    {
        using var frame = FrameDecoder.Decode(Encoding.UTF8.GetBytes(frameText), DateTimeOffset.UnixEpoch).Frame!;
        mapped = Mapper.Map(frame, "team-1");
        using var document = JsonDocument.Parse(mapped.CloudEvent);
        return document.RootElement.Clone();
    }
}
