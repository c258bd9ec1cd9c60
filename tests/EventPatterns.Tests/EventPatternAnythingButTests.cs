namespace EventPatterns.Tests;

public class EventPatternAnythingButTests
{
    [Theory]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":"x"}""", false)]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":"y"}""", true)]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":"X"}""", true)]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{}""", false)]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":{"b":"y"}}""", false)]
    // Any present leaf value that is not excluded matches, whatever its JSON type (as EventBridge does).
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":null}""", true)]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":5}""", true)]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":false}""", true)]
    [InlineData("""{"a":[{"anything-but":""}]}""", """{"a":""}""", false)]
    [InlineData("""{"a":[{"anything-but":["stopped","overloaded"]}]}""", """{"a":"overloaded"}""", false)]
    [InlineData("""{"a":[{"anything-but":["stopped","overloaded"]}]}""", """{"a":"running"}""", true)]
    public void Matches_AnythingButStrings_ExcludesOnlyTheListedStrings(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"a":[{"anything-but":123}]}""", """{"a":123}""", false)]
    [InlineData("""{"a":[{"anything-but":123}]}""", """{"a":123.0}""", false)]
    [InlineData("""{"a":[{"anything-but":123}]}""", """{"a":124}""", true)]
    [InlineData("""{"a":[{"anything-but":[100,200,300]}]}""", """{"a":200}""", false)]
    [InlineData("""{"a":[{"anything-but":[100,200,300]}]}""", """{"a":2e2}""", false)]
    [InlineData("""{"a":[{"anything-but":[100,200,300]}]}""", """{"a":150}""", true)]
    // Numbers exclude numbers only: the string "100" is not the number 100.
    [InlineData("""{"a":[{"anything-but":[100,200,300]}]}""", """{"a":"100"}""", true)]
    [InlineData("""{"a":[{"anything-but":["100"]}]}""", """{"a":100}""", true)]
    public void Matches_AnythingButNumbers_ExcludesEqualNumbersOnly(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"a":[{"anything-but":{"prefix":"init"}}]}""", """{"a":"initializing"}""", false)]
    [InlineData("""{"a":[{"anything-but":{"prefix":"init"}}]}""", """{"a":"running"}""", true)]
    [InlineData("""{"a":[{"anything-but":{"prefix":"init"}}]}""", """{"a":7}""", true)]
    [InlineData("""{"a":[{"anything-but":{"prefix":["init","stop"]}}]}""", """{"a":"stopped"}""", false)]
    [InlineData("""{"a":[{"anything-but":{"prefix":["init","stop"]}}]}""", """{"a":"running"}""", true)]
    [InlineData("""{"a":[{"anything-but":{"suffix":".png"}}]}""", """{"a":"a.png"}""", false)]
    [InlineData("""{"a":[{"anything-but":{"suffix":".png"}}]}""", """{"a":"a.PNG"}""", true)]
    [InlineData("""{"a":[{"anything-but":{"suffix":[".txt",".rtf"]}}]}""", """{"a":"a.rtf"}""", false)]
    [InlineData("""{"a":[{"anything-but":{"equals-ignore-case":"initializing"}}]}""", """{"a":"INITIALIZING"}""", false)]
    [InlineData("""{"a":[{"anything-but":{"equals-ignore-case":"initializing"}}]}""", """{"a":"running"}""", true)]
    [InlineData("""{"a":[{"anything-but":{"equals-ignore-case":["initializing","stopped"]}}]}""", """{"a":"Stopped"}""", false)]
    [InlineData("""{"a":[{"anything-but":{"wildcard":"*/lib/*"}}]}""", """{"a":"/usr/lib/x"}""", false)]
    [InlineData("""{"a":[{"anything-but":{"wildcard":"*/lib/*"}}]}""", """{"a":"/usr/share/x"}""", true)]
    [InlineData("""{"a":[{"anything-but":{"wildcard":["*/lib/*","*/bin/*"]}}]}""", """{"a":"/usr/bin/x"}""", false)]
    [InlineData("""{"a":[{"anything-but":{"wildcard":"*"}}]}""", """{"a":""}""", false)]
    [InlineData("""{"a":[{"anything-but":{"wildcard":"*"}}]}""", """{"a":1}""", true)]
    public void Matches_AnythingButOperators_ExcludeMatchingStrings(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":["x","y"]}""", true)]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":["x"]}""", false)]
    [InlineData("""{"a":[{"anything-but":"x"}]}""", """{"a":[]}""", false)]
    public void Matches_AnythingButOnEventArray_MatchesWhenAnyElementIsNotExcluded(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("""{"type":[{"anything-but":"Kadoa.Workflow.DataChanged"}]}""", false)]
    [InlineData("""{"type":[{"anything-but":{"prefix":"Kadoa.Workflow."}}]}""", false)]
    [InlineData("""{"data":{"summary":[{"anything-but":{"equals-ignore-case":"price dropped"}}]}}""", false)]
    [InlineData("""{"data":{"diffTypes":[{"anything-but":"removed"}]}}""", true)]
    [InlineData("""{"kadoateamid":[{"anything-but":["team-2","team-3"]}]}""", true)]
    public void Matches_AnythingButOnKadoaEvent_FollowsEventBridge(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));
}
