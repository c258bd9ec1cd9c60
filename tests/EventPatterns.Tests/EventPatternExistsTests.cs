namespace EventPatterns.Tests;

public class EventPatternExistsTests
{
    private const string Exists = """{"a":[{"exists":true}]}""";
    private const string Absent = """{"a":[{"exists":false}]}""";

    [Theory]
    [InlineData("""{"a":"x"}""", true)]
    [InlineData("""{"a":""}""", true)]
    [InlineData("""{"a":0}""", true)]
    [InlineData("""{"a":false}""", true)]
    [InlineData("""{"a":null}""", true)] // null is a present leaf value
    [InlineData("""{"a":["x"]}""", true)]
    [InlineData("""{"a":[]}""", false)] // an empty array has no leaf value
    [InlineData("""{"a":{"b":1}}""", false)] // exists only works on leaf nodes
    [InlineData("""{"a":{}}""", false)]
    [InlineData("""{"a":[{"b":1}]}""", false)]
    [InlineData("""{}""", false)]
    public void Matches_ExistsTrue_NeedsALeafValue(string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(Exists, json));

    [Theory]
    [InlineData("""{"a":"x"}""", false)]
    [InlineData("""{"a":null}""", false)]
    [InlineData("""{"a":["x"]}""", false)]
    [InlineData("""{"a":["x",{"b":1}]}""", false)]
    [InlineData("""{"a":[]}""", true)]
    [InlineData("""{"a":{"b":1}}""", true)]
    [InlineData("""{"a":{}}""", true)]
    [InlineData("""{"a":[{"b":1}]}""", true)]
    [InlineData("""{}""", true)]
    [InlineData("""{"b":"x"}""", true)]
    public void Matches_ExistsFalse_MatchesMissingFieldsAndNonLeafValues(string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(Absent, json));

    [Theory]
    [InlineData("""{"x":{"y":[{"exists":false}]}}""", """{}""", true)]
    [InlineData("""{"x":{"y":[{"exists":false}]}}""", """{"x":"leaf"}""", true)]
    [InlineData("""{"x":{"y":[{"exists":false}]}}""", """{"x":{"y":1}}""", false)]
    [InlineData("""{"x":{"y":[{"exists":false}]}}""", """{"x":[{"z":1},{"y":1}]}""", false)]
    [InlineData("""{"x":{"y":[{"exists":true}]}}""", """{"x":[{"z":1},{"y":1}]}""", true)]
    [InlineData("""{"a":[{"exists":false},"x"]}""", """{}""", true)]
    [InlineData("""{"a":[{"exists":false},"x"]}""", """{"a":"x"}""", true)]
    [InlineData("""{"a":[{"exists":false},"x"]}""", """{"a":"y"}""", false)]
    [InlineData("""{"a":[{"exists":true},{"exists":false}]}""", """{"a":"y"}""", true)]
    [InlineData("""{"a":[{"exists":true},{"exists":false}]}""", """{}""", true)]
    public void Matches_ExistsNested_AppliesToTheLeafPath(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"d":{"type":["changed"],"fields":[{"exists":false}]}}""", """{"d":[{"type":"changed"},{"type":"added","fields":["f"]}]}""", true)]
    [InlineData("""{"d":{"type":["changed"],"fields":[{"exists":false}]}}""", """{"d":[{"type":"changed","fields":["f"]},{"type":"added"}]}""", false)]
    [InlineData("""{"d":{"type":["changed"],"fields":[{"exists":true}]}}""", """{"d":[{"type":"changed"},{"type":"added","fields":["f"]}]}""", false)]
    public void Matches_ExistsInsideArrayOfObjects_IsCheckedInTheSameElement(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"data":{"summary":[{"exists":true}]}}""", true)]
    [InlineData("""{"data":{"snapshotRef":[{"exists":false}]}}""", true)]
    [InlineData("""{"data":{"snapshot":[{"exists":false}]}}""", true)] // an array of objects is not a leaf
    [InlineData("""{"data":{"snapshot":{"price":[{"exists":true}]}}}""", true)]
    [InlineData("""{"data":{"links":[{"exists":true}]}}""", false)]
    [InlineData("""{"data":{"diffTypes":[{"exists":true}]}}""", true)]
    [InlineData("""{"subject":[{"exists":false}]}""", false)]
    public void Matches_ExistsOnKadoaEvent_FollowsEventBridge(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));
}
