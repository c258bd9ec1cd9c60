using System.Text;

namespace EventPatterns.Tests;

public class EventPatternLimitTests
{
    [Fact]
    public void Parse_PatternLongerThanLimit_IsRejectedAtRoot()
    {
        string pattern = $$"""{"a":["{{new string('x', EventPatternLimits.MaxPatternLength)}}"]}""";
        EventPatternValidationTests.AssertInvalid(pattern, "$", "characters long");
    }

    [Fact]
    public void Parse_NestingDeeperThanLimit_NamesTheTooDeepObject()
    {
        var builder = new StringBuilder();
        for (int i = 0; i < EventPatternLimits.MaxNestingDepth; i++)
        {
            builder.Append("{\"n\":");
        }

        builder.Append("[\"x\"]").Append('}', EventPatternLimits.MaxNestingDepth);
        Assert.True(KadoaSample.Matches(builder.ToString(), builder.ToString().Replace("[\"x\"]", "\"x\"", StringComparison.Ordinal)));

        string tooDeep = "{\"n\":" + builder + "}";
        string innermost = "$" + string.Concat(Enumerable.Repeat(".n", EventPatternLimits.MaxNestingDepth));
        EventPatternValidationTests.AssertInvalid(tooDeep, innermost, "nested deeper than");
    }

    [Fact]
    public void Parse_TooManyValuesInOneField_IsRejected()
    {
        string values = string.Join(",", Enumerable.Range(0, EventPatternLimits.MaxValuesPerField + 1).Select(i => $"\"v{i}\""));
        EventPatternValidationTests.AssertInvalid($$"""{"a":[{{values}}]}""", "$.a", "at most 100 are allowed");
        EventPatternValidationTests.AssertInvalid($$"""{"a":[{"anything-but":[{{values}}]}]}""", "$.a[0]['anything-but']", "at most 100");
    }

    [Fact]
    public void Parse_TooManyValuesInPattern_IsRejectedWhereTheLimitIsCrossed()
    {
        string values = string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"v{i}\""));
        string fields = string.Join(",", Enumerable.Range(0, 6).Select(i => $$"""
            "f{{i}}":[{{values}}]
            """));
        EventPatternValidationTests.AssertInvalid("{" + fields + "}", "$.f5", "more than 500 match values");
    }

    [Fact]
    public void Parse_OrExpandingBeyondLimit_IsRejected()
    {
        // Three parallel $or of 4 alternatives each expand to 4*4*4 = 64 alternatives (allowed); a fourth exceeds it.
        static string Or(string name) =>
            $$"""{"$or":[{"{{name}}1":["x"]},{"{{name}}2":["x"]},{"{{name}}3":["x"]},{"{{name}}4":["x"]}]}""";
        string allowed = $$"""{"a":{{Or("a")}},"b":{{Or("b")}},"c":{{Or("c")}}}""";
        Assert.True(KadoaSample.Matches(allowed, """{"a":{"a4":"x"},"b":{"b1":"x"},"c":{"c3":"x"}}"""));

        string tooMany = $$"""{"a":{{Or("a")}},"b":{{Or("b")}},"c":{{Or("c")}},"d":{{Or("d")}}}""";
        EventPatternValidationTests.AssertInvalid(tooMany, "$.d['$or'][1]", "more than 64 alternatives");
    }

    [Fact]
    public void Parse_StringOperandLongerThanLimit_IsRejected()
    {
        string longText = new('é', (EventPatternLimits.MaxStringOperandBytes / 2) + 1);
        EventPatternValidationTests.AssertInvalid($$"""{"a":[{"prefix":"{{longText}}"}]}""", "$.a[0].prefix", "at most 1024 UTF-8 bytes");
        EventPatternValidationTests.AssertInvalid($$"""{"a":["{{longText}}"]}""", "$.a[0]", "at most 1024 UTF-8 bytes");
    }
}
