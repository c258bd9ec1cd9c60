namespace EventPatterns.Tests;

public class EventPatternExactMatchTests
{
    [Theory]
    [InlineData("""{"a":["x"]}""", """{"a":"x"}""", true)]
    [InlineData("""{"a":["x"]}""", """{"a":"X"}""", false)]
    [InlineData("""{"a":["x"]}""", """{"a":"xy"}""", false)]
    [InlineData("""{"a":["x"]}""", """{"b":"x"}""", false)]
    [InlineData("""{"a":["x","y"]}""", """{"a":"y"}""", true)]
    [InlineData("""{"a":["x"],"b":["y"]}""", """{"a":"x","b":"y"}""", true)]
    [InlineData("""{"a":["x"],"b":["y"]}""", """{"a":"x","b":"z"}""", false)]
    [InlineData("""{"a":["x"],"b":["y"]}""", """{"a":"x"}""", false)]
    [InlineData("""{"a":["été"]}""", """{"a":"\u00e9t\u00e9"}""", true)]
    [InlineData("""{"a":["q\"uote\\slash"]}""", """{"a":"q\"uote\\slash"}""", true)]
    [InlineData("""{"é":["x"]}""", """{"\u00e9":"x"}""", true)]
    [InlineData("""{"a":["x"]}""", """{"a":{"b":"x"}}""", false)]
    [InlineData("""{"a":{"b":["x"]}}""", """{"a":"x"}""", false)]
    [InlineData("""{"a":{"b":["x"]}}""", """{"a":{"b":"x"}}""", true)]
    [InlineData("""{"a":{"b":["x"]}}""", """{"a":{"b":{"c":"x"}}}""", false)]
    [InlineData("""{"a":["x"]}""", "[1,2]", false)]
    public void Matches_ExactStrings_FollowsEventBridge(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"a":[5]}""", """{"a":5}""", true)]
    [InlineData("""{"a":[5]}""", """{"a":5.0}""", true)]
    [InlineData("""{"a":[5]}""", """{"a":5e0}""", true)]
    [InlineData("""{"a":[5]}""", """{"a":5.000001}""", false)]
    [InlineData("""{"a":[-0.5]}""", """{"a":-0.50}""", true)]
    [InlineData("""{"a":[3.018e2]}""", """{"a":301.8}""", true)]
    [InlineData("""{"a":[123456789012]}""", """{"a":123456789012}""", true)]
    // Outside ±5e9 a number only matches the same JSON text, as in EventBridge (e.g. account ids).
    [InlineData("""{"a":[123456789012]}""", """{"a":123456789012.0}""", false)]
    public void Matches_ExactNumbers_ComparesByValueWithinNumericRange(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"a":[5]}""", """{"a":"5"}""")]
    [InlineData("""{"a":["5"]}""", """{"a":5}""")]
    [InlineData("""{"a":[true]}""", """{"a":"true"}""")]
    [InlineData("""{"a":["true"]}""", """{"a":true}""")]
    [InlineData("""{"a":[null]}""", """{"a":"null"}""")]
    [InlineData("""{"a":[0]}""", """{"a":false}""")]
    public void Matches_NumberOrLiteralVersusString_NeverMatches(string pattern, string json) =>
        Assert.False(KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"a":[true]}""", """{"a":true}""", true)]
    [InlineData("""{"a":[true]}""", """{"a":false}""", false)]
    [InlineData("""{"a":[false]}""", """{"a":false}""", true)]
    [InlineData("""{"a":[true]}""", """{"a":1}""", false)]
    public void Matches_Booleans_MatchSameLiteral(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"a":[null]}""", """{"a":null}""", true)]
    [InlineData("""{"a":[null]}""", """{}""", false)]
    [InlineData("""{"a":[null]}""", """{"a":""}""", false)]
    [InlineData("""{"a":[""]}""", """{"a":""}""", true)]
    [InlineData("""{"a":[""]}""", """{"a":null}""", false)]
    [InlineData("""{"a":[""]}""", """{}""", false)]
    [InlineData("""{"a":[""]}""", """{"a":" "}""", false)]
    [InlineData("""{"a":{"b":[null]}}""", """{"a":null}""", false)]
    public void Matches_NullAndEmptyString_AreDistinctAndNeedThePresentField(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Fact]
    public void Matches_DuplicateKeyInPattern_LastOneWins()
    {
        const string pattern = """{"a":[{"prefix":"us-"}],"a":[{"anything-but":"us-east"}]}""";
        Assert.True(KadoaSample.Matches(pattern, """{"a":"eu-west"}"""));
        Assert.False(KadoaSample.Matches(pattern, """{"a":"us-east"}"""));
    }

    [Theory]
    [InlineData("""{"type":["Kadoa.Workflow.DataChanged"],"kadoateamid":["team-1"]}""", true)]
    [InlineData("""{"type":["Kadoa.Workflow.DataChanged"],"kadoateamid":["team-2"]}""", false)]
    [InlineData("""{"data":{"url":["https://shop.example/p/1"],"workflowId":["wf-1"]}}""", true)]
    [InlineData("""{"data":{"links":{"api":["https://api.kadoa.com/v5/changes/chg-123"]}}}""", true)]
    [InlineData("""{"data":{"links":["https://api.kadoa.com/v5/changes/chg-123"]}}""", false)]
    [InlineData("""{"specversion":["1.0"]}""", true)]
    [InlineData("""{"specversion":[1.0]}""", false)]
    public void Matches_KadoaEvent_MatchesAttributesAndData(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));
}
