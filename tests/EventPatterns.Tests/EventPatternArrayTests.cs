namespace EventPatterns.Tests;

public class EventPatternArrayTests
{
    private const string Employees = """
        {"employees":[{"firstName":"John","lastName":"Doe"},{"firstName":"Anna","lastName":"Smith"},{"firstName":"Peter","lastName":"Jones"}]}
        """;

    [Theory]
    [InlineData("""{"data":{"diffTypes":["added"]}}""", true)]
    [InlineData("""{"data":{"diffTypes":["removed"]}}""", false)]
    [InlineData("""{"data":{"changedKeys":["stock","price"]}}""", true)]
    [InlineData("""{"data":{"differences":{"type":["added"]}}}""", true)]
    [InlineData("""{"data":{"differences":{"fields":{"key":["title"]}}}}""", true)]
    [InlineData("""{"data":{"differences":{"fields":{"key":["price"],"value":[{"numeric":["<",20]}]}}}}""", true)]
    [InlineData("""{"data":{"differences":{"fields":{"key":["title"],"value":[{"numeric":["<",20]}]}}}}""", false)]
    [InlineData("""{"data":{"differences":{"type":["changed"],"fields":{"key":["price"]}}}}""", true)]
    [InlineData("""{"data":{"differences":{"type":["added"],"fields":{"key":["price"]}}}}""", false)]
    [InlineData("""{"data":{"diffTypes":["added"],"differences":{"type":["changed"]}}}""", true)]
    public void Matches_ArraysInKadoaEvent_AnyElementAndSameElement(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));

    [Theory]
    [InlineData("""{"data":{"differences":{"type":["changed"],"fields":{"key":["price"]}}}}""", false)]
    [InlineData("""{"data":{"differences":{"type":["changed"],"fields":{"key":["title"]}}}}""", true)]
    [InlineData("""{"data":{"differences":{"type":["added"],"fields":{"key":["price"]}}}}""", true)]
    [InlineData("""{"data":{"differences":{"type":["changed"]},"workflowId":["wf-1"]}}""", true)]
    public void Matches_ElementConsistency_ConditionsHoldInOneDifference(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.ChangedTitleAddedPrice));

    [Theory]
    [InlineData("""{"employees":{"firstName":["Anna"]}}""", true)]
    [InlineData("""{"employees":{"firstName":["Anna"],"lastName":["Smith"]}}""", true)]
    [InlineData("""{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}""", false)]
    [InlineData("""{"employees":{"firstName":["Anna","Peter"],"lastName":["Jones"]}}""", true)]
    public void Matches_EventRulerArrayExample_IsArrayConsistent(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, Employees));

    [Theory]
    [InlineData("""{"a":["x"]}""", """{"a":[["y"],["x"]]}""", true)]
    [InlineData("""{"a":{"b":["x"],"c":["y"]}}""", """{"a":[[{"b":"x"}],[{"c":"y"}]]}""", false)]
    [InlineData("""{"a":{"b":["x"],"c":["y"]}}""", """{"a":[[{"b":"x","c":"y"}]]}""", true)]
    [InlineData("""{"a":["x"]}""", """{"a":[]}""", false)]
    [InlineData("""{"a":["x"]}""", """{"a":[{"b":"x"}, "x"]}""", true)]
    [InlineData("""{"a":["x"],"b":["y"]}""", """{"a":["x"],"b":["z","y"]}""", true)]
    [InlineData("""{"a":{"b":{"c":["1"]},"d":["2"]}}""", """{"a":[{"b":[{"c":"1"}],"d":"3"},{"b":[{"c":"0"}],"d":"2"}]}""", false)]
    [InlineData("""{"a":{"b":{"c":["1"]},"d":["2"]}}""", """{"a":[{"b":[{"c":"0"},{"c":"1"}],"d":"2"}]}""", true)]
    public void Matches_NestedAndMixedArrays_FollowArrayConsistency(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));
}
