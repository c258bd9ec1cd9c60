namespace EventPatterns.Tests;

public class EventPatternNumericTests
{
    private const string Range = """{"a":[{"numeric":[">",0,"<=",5]}]}""";

    [Theory]
    [InlineData("0", false)]
    [InlineData("0.000001", true)]
    [InlineData("1e-6", true)]
    [InlineData("3", true)]
    [InlineData("5", true)]
    [InlineData("5.0", true)]
    [InlineData("5.000001", false)]
    [InlineData("-1", false)]
    [InlineData("\"3\"", false)]
    [InlineData("true", false)]
    [InlineData("null", false)]
    [InlineData("[9, 4]", true)]
    [InlineData("[9, \"4\"]", false)]
    public void Matches_OpenClosedRange_ChecksBothBounds(string value, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(Range, $$"""{"a":{{value}}}"""));

    [Theory]
    [InlineData("""[">=",0,"<",5]""", "0", true)]
    [InlineData("""[">=",0,"<",5]""", "5", false)]
    [InlineData("""[">=",0,"<",5]""", "4.999999", true)]
    [InlineData("""["<",10]""", "9.999999", true)]
    [InlineData("""["<",10]""", "10", false)]
    [InlineData("""["<=",10]""", "10", true)]
    [InlineData("""[">",10]""", "10", false)]
    [InlineData("""[">",10]""", "1e1", false)]
    [InlineData("""[">=",10]""", "1e1", true)]
    [InlineData("""["=",3.018e2]""", "301.8", true)]
    [InlineData("""["=",3.018e2]""", "301.80", true)]
    [InlineData("""["=",0]""", "-0", true)]
    [InlineData("""["=",0]""", "0.0000001", false)]
    // Events are compared exactly (decimal); beyond six decimals still counts (documented choice).
    [InlineData("""[">",5]""", "5.0000001", true)]
    public void Matches_NumericOperators_CompareByValue(string numeric, string value, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches($$"""{"a":[{"numeric":{{numeric}}}]}""", $$"""{"a":{{value}}}"""));

    [Theory]
    [InlineData("""["<",10]""", "-5000000000", true)]
    [InlineData("""["<",10]""", "-5000000000.000001", false)]
    [InlineData("""[">",10]""", "5000000000", true)]
    [InlineData("""[">",10]""", "5000000001", false)]
    [InlineData("""[">",10]""", "1e300", false)]
    [InlineData("""["<",10]""", "-1e400", false)]
    [InlineData("""[">=",-5000000000,"<=",5000000000]""", "-5e9", true)]
    public void Matches_EventNumberOutsideFiveBillion_NeverMatchesNumeric(string numeric, string value, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches($$"""{"a":[{"numeric":{{numeric}}}]}""", $$"""{"a":{{value}}}"""));

    [Theory]
    [InlineData("""{"data":{"differences":{"fields":{"value":[{"numeric":["<",20]}]}}}}""", true)]
    [InlineData("""{"data":{"differences":{"fields":{"previousValue":[{"numeric":[">",24,"<",25]}]}}}}""", true)]
    [InlineData("""{"data":{"differences":{"fields":{"value":[{"numeric":[">",100]}]}}}}""", false)]
    [InlineData("""{"data":{"snapshot":{"price":[{"numeric":["=",19.99]}]}}}""", true)]
    [InlineData("""{"data":{"changeId":[{"numeric":[">",0]}]}}""", false)]
    public void Matches_NumericOnKadoaEvent_FindsNumbersInArrays(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));

    [Fact]
    public void Matches_SeveralNumericValues_AnyMatches()
    {
        const string pattern = """{"a":[{"numeric":["<",0]},{"numeric":[">",100]},42]}""";
        Assert.True(KadoaSample.Matches(pattern, """{"a":-3}"""));
        Assert.True(KadoaSample.Matches(pattern, """{"a":101}"""));
        Assert.True(KadoaSample.Matches(pattern, """{"a":42}"""));
        Assert.False(KadoaSample.Matches(pattern, """{"a":50}"""));
    }
}
