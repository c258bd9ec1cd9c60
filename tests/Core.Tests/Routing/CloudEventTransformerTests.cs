using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventPatterns.Tests;
using KadoaBridge.Core.Routing;

namespace KadoaBridge.Core.Tests.Routing;

public class CloudEventTransformerTests
{
    private static readonly byte[] Event = Encoding.UTF8.GetBytes(KadoaSample.Event);

    [Fact]
    public void Apply_NullOrIdentityTransform_ReturnsTheSameBytes()
    {
        Assert.Equal(Event, CloudEventTransformer.Apply(Event, null));
        Assert.Equal(Event, CloudEventTransformer.Apply(Event, new RouteTransform()));
    }

    [Fact]
    public void Apply_OmitSnapshot_RemovesSnapshotAndReferenceOnly()
    {
        byte[] input = Encoding.UTF8.GetBytes("""{"id":"c","data":{"changeId":"c","snapshot":[1],"snapshotRef":{"blob":"b"},"snapshotSize":9,"url":"u"}}""");
        string output = Encoding.UTF8.GetString(CloudEventTransformer.Apply(input, new RouteTransform { OmitSnapshot = true }));
        Assert.Equal("""{"id":"c","data":{"changeId":"c","snapshotSize":9,"url":"u"}}""", output);
    }

    [Fact]
    public void Apply_TypeOverride_ReplacesTypeInPlace()
    {
        JsonObject output = Transform(new RouteTransform { Type = "Kadoa.Pricing.Changed" });
        Assert.Equal("Kadoa.Pricing.Changed", (string?)output["type"]);
        Assert.Equal(JsonNode.Parse(KadoaSample.Event)!.AsObject().Select(p => p.Key), output.Select(p => p.Key));
        Assert.Equal("chg-123", (string?)output["data"]!["changeId"]);
    }

    [Fact]
    public void Apply_KeepDataFields_KeepsListedFieldsAndTheIds()
    {
        JsonObject output = Transform(new RouteTransform { KeepDataFields = ["url", "differences", "notThere"] });
        Assert.Equal(["changeId", "workflowId", "url", "differences"], output["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal("1.0", (string?)output["specversion"]);
    }

    [Fact]
    public void Apply_EmptyKeepDataFields_KeepsOnlyTheIds()
    {
        JsonObject output = Transform(new RouteTransform { KeepDataFields = [] });
        Assert.Equal(["changeId", "workflowId"], output["data"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Apply_KeepSnapshotButOmitSnapshot_OmitWins()
    {
        JsonObject output = Transform(new RouteTransform { OmitSnapshot = true, KeepDataFields = ["snapshot", "summary"] });
        Assert.Equal(["changeId", "workflowId", "summary"], output["data"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Apply_Values_AreCopiedByteForByte()
    {
        byte[] input = Encoding.UTF8.GetBytes("""{"type":"t","data":{"changeId":"c","summary":"Prix r\u00e9duit","n":1.50,"snapshot":null}}""");
        string output = Encoding.UTF8.GetString(CloudEventTransformer.Apply(input, new RouteTransform { OmitSnapshot = true }));
        Assert.Equal("""{"type":"t","data":{"changeId":"c","summary":"Prix r\u00e9duit","n":1.50}}""", output);
    }

    [Fact]
    public void Apply_DataNotAnObject_IsLeftAlone()
    {
        byte[] input = Encoding.UTF8.GetBytes("""{"type":"t","data":null}""");
        string output = Encoding.UTF8.GetString(CloudEventTransformer.Apply(input, new RouteTransform { OmitSnapshot = true, Type = "u" }));
        Assert.Equal("""{"type":"u","data":null}""", output);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{")]
    public void Apply_NotAJsonObject_Throws(string json) =>
        Assert.ThrowsAny<JsonException>(() => CloudEventTransformer.Apply(Encoding.UTF8.GetBytes(json), new RouteTransform { Type = "x" }));

    private static JsonObject Transform(RouteTransform transform) =>
        JsonNode.Parse(CloudEventTransformer.Apply(Event, transform))!.AsObject();
}
