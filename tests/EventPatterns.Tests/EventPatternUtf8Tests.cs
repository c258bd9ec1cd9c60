using System.Text;
using System.Text.Json;

namespace EventPatterns.Tests;

public class EventPatternUtf8Tests
{
    [Theory]
    [InlineData("""{"type":["Kadoa.Workflow.DataChanged"],"data":{"differences":{"type":["added"],"fields":{"key":["title"]}}}}""", true)]
    [InlineData("""{"data":{"differences":{"type":["changed"],"fields":{"key":["title"]}}}}""", false)]
    [InlineData("""{"data":{"summary":[{"equals-ignore-case":"PRICE DROPPED"}]}}""", true)]
    public void Matches_Utf8Event_SameAnswerAsTheParsedElement(string pattern, bool expected)
    {
        EventPattern compiled = EventPattern.Parse(pattern);
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));
        Assert.Equal(expected, compiled.Matches(Encoding.UTF8.GetBytes(KadoaSample.Event)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"type":""")]
    [InlineData("""{"type":"x"} {"type":"y"}""")]
    [InlineData("""{"type":"x"},""")]
    public void Matches_Utf8NotOneJsonValue_ThrowsJsonException(string text)
    {
        EventPattern pattern = EventPattern.Parse("""{"type":["x"]}""");
        Assert.ThrowsAny<JsonException>(() => pattern.Matches(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Matches_Utf8WithSurroundingWhitespace_Matches()
    {
        EventPattern pattern = EventPattern.Parse("""{"type":["x"]}""");
        Assert.True(pattern.Matches(" \n{\"type\":\"x\"}\r\n "u8));
    }
}
