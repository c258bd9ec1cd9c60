namespace EventPatterns.Tests;

public class EventPatternStringOperatorTests
{
    [Theory]
    [InlineData("""{"data":{"url":[{"prefix":"https://shop.example/"}]}}""", true)]
    [InlineData("""{"data":{"url":[{"prefix":"HTTPS://shop.example/"}]}}""", false)]
    [InlineData("""{"source":[{"prefix":{"equals-ignore-case":"HTTPS://WWW.KADOA.COM/"}}]}""", true)]
    [InlineData("""{"subject":[{"suffix":"/changes/chg-123"}]}""", true)]
    [InlineData("""{"subject":[{"suffix":"/CHANGES/CHG-123"}]}""", false)]
    [InlineData("""{"subject":[{"suffix":{"equals-ignore-case":"/CHANGES/CHG-123"}}]}""", true)]
    [InlineData("""{"type":[{"equals-ignore-case":"kadoa.workflow.datachanged"}]}""", true)]
    [InlineData("""{"type":[{"equals-ignore-case":"kadoa.workflow"}]}""", false)]
    [InlineData("""{"subject":[{"wildcard":"workflows/*/changes/*"}]}""", true)]
    [InlineData("""{"subject":[{"wildcard":"workflows/*/changes"}]}""", false)]
    [InlineData("""{"data":{"links":{"dashboard":[{"wildcard":"https://*.kadoa.com/data-diff/*"}]}}}""", true)]
    public void Matches_StringOperatorsOnKadoaEvent_FollowEventBridge(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));

    [Theory]
    [InlineData("""{"a":[{"prefix":""}]}""", """{"a":""}""", true)]
    [InlineData("""{"a":[{"prefix":""}]}""", """{"a":"anything"}""", true)]
    [InlineData("""{"a":[{"prefix":""}]}""", """{"a":5}""", false)]
    [InlineData("""{"a":[{"prefix":"1"}]}""", """{"a":123}""", false)]
    [InlineData("""{"a":[{"prefix":"tr"}]}""", """{"a":true}""", false)]
    [InlineData("""{"a":[{"suffix":"ll"}]}""", """{"a":null}""", false)]
    [InlineData("""{"a":[{"equals-ignore-case":"5"}]}""", """{"a":5}""", false)]
    [InlineData("""{"a":[{"wildcard":"*"}]}""", """{"a":5}""", false)]
    [InlineData("""{"a":[{"prefix":"abc"}]}""", """{"a":"ab"}""", false)]
    [InlineData("""{"a":[{"suffix":"abc"}]}""", """{"a":"bc"}""", false)]
    public void Matches_StringOperators_OnlyMatchStrings(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("ÉTÉ", "été", true)]
    [InlineData("été", "ÉTÉ", true)]
    [InlineData("Ärger", "äRGER", true)]
    [InlineData("straße", "STRASSE", false)] // simple (one-to-one) case mapping, no full case folding
    [InlineData("abc", "ABC", true)]
    [InlineData("abc", "ABCD", false)]
    [InlineData("", "", true)]
    public void Matches_EqualsIgnoreCase_UsesOrdinalIgnoreCase(string operand, string value, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches($$"""{"a":[{"equals-ignore-case":"{{operand}}"}]}""", $$"""{"a":"{{value}}"}"""));

    [Theory]
    [InlineData("""{"a":[{"prefix":{"equals-ignore-case":"Ém"}}]}""", """{"a":"émile"}""", true)]
    [InlineData("""{"a":[{"prefix":{"equals-ignore-case":"em"}}]}""", """{"a":"émile"}""", false)]
    [InlineData("""{"a":[{"prefix":{"equals-ignore-case":"EVENTB"}}]}""", """{"a":"EventBridge"}""", true)]
    [InlineData("""{"a":[{"prefix":{"equals-ignore-case":"EVENTB"}}]}""", """{"a":"Event"}""", false)]
    [InlineData("""{"a":[{"suffix":{"equals-ignore-case":".PNG"}}]}""", """{"a":"photo.png"}""", true)]
    [InlineData("""{"a":[{"suffix":{"equals-ignore-case":".PNG"}}]}""", """{"a":"photö.png"}""", true)]
    [InlineData("""{"a":[{"suffix":{"equals-ignore-case":"Ö.PNG"}}]}""", """{"a":"photö.png"}""", true)]
    [InlineData("""{"a":[{"suffix":{"equals-ignore-case":".png"}}]}""", """{"a":"png"}""", false)]
    [InlineData("""{"a":[{"equals-ignore-case":"ÉTÉ"}]}""", """{"a":"\u00e9t\u00e9"}""", true)]
    public void Matches_PrefixAndSuffixIgnoreCase_HandleAsciiAndUnicode(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*a", "aa", true)]
    [InlineData("*.png", "dir/x.png", true)]
    [InlineData("*.png", "x.PNG", false)]
    [InlineData("dir/*.png", "dir/sub/x.png", true)]
    [InlineData("*/lib/*", "/usr/lib/x", true)]
    [InlineData("*ab*ab*", "abab", true)]
    [InlineData("*ab*ab*", "aab", false)]
    [InlineData("Simple*Service", "SimpleQueueService", true)]
    [InlineData("é*ü", "éxyzü", true)]
    public void Matches_Wildcard_MatchesAnyRunOfCharacters(string wildcard, string value, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches($$"""{"a":[{"wildcard":"{{wildcard}}"}]}""", $$"""{"a":"{{value}}"}"""));

    [Theory]
    [InlineData("""{"a":[{"wildcard":"a\\*b"}]}""", """{"a":"a*b"}""", true)]
    [InlineData("""{"a":[{"wildcard":"a\\*b"}]}""", """{"a":"axb"}""", false)]
    [InlineData("""{"a":[{"wildcard":"a\\\\b"}]}""", """{"a":"a\\b"}""", true)]
    [InlineData("""{"a":[{"wildcard":"a\\**"}]}""", """{"a":"a*xyz"}""", true)]
    [InlineData("""{"a":[{"wildcard":"a\\**"}]}""", """{"a":"axyz"}""", false)]
    [InlineData("""{"a":[{"wildcard":"*\\*"}]}""", """{"a":"2*"}""", true)]
    public void Matches_WildcardEscapes_AreLiteral(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));

    [Fact]
    public void Matches_LongEscapedEventString_ComparesUnescapedText()
    {
        string body = new('x', 400);
        string json = $$"""{"a":"\u00e9{{body}}\n"}""";
        Assert.True(KadoaSample.Matches($$"""{"a":[{"prefix":"é{{body}}"}]}""", json));
        Assert.True(KadoaSample.Matches("""{"a":[{"suffix":"x\n"}]}""", json));
        Assert.True(KadoaSample.Matches("""{"a":[{"prefix":{"equals-ignore-case":"ÉXX"}}]}""", json));
    }
}
