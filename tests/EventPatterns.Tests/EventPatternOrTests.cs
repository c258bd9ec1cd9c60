namespace EventPatterns.Tests;

public class EventPatternOrTests
{
    [Theory]
    [InlineData("""{"$or":[{"type":["x"]},{"kadoateamid":["team-1"]}]}""", true)]
    [InlineData("""{"$or":[{"type":["x"]},{"kadoateamid":["team-2"]}]}""", false)]
    [InlineData("""{"source":[{"prefix":"https://www.kadoa.com/"}],"$or":[{"type":["x"]},{"data":{"summary":[{"prefix":"Price"}]}}]}""", true)]
    [InlineData("""{"source":[{"prefix":"https://other/"}],"$or":[{"type":["x"]},{"data":{"summary":[{"prefix":"Price"}]}}]}""", false)]
    [InlineData("""{"data":{"$or":[{"summary":[{"prefix":"Stock"}]},{"url":[{"suffix":"/p/1"}]}]}}""", true)]
    [InlineData("""{"data":{"$or":[{"summary":[{"prefix":"Stock"}]},{"url":[{"suffix":"/p/2"}]}]}}""", false)]
    public void Matches_Or_AnyAlternativeWithTheRest(string pattern, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));

    [Theory]
    // (source && (metricName || (metricType && namespace && (metricId || spaceId)) || scope)), from event-ruler's README.
    [InlineData("""{"source":"aws.cloudwatch","metricName":"CPUUtilization"}""", true)]
    [InlineData("""{"source":"aws.cloudwatch","metricType":"MetricType","namespace":"AWS/EC2","spaceId":1000}""", true)]
    [InlineData("""{"source":"aws.cloudwatch","metricType":"MetricType","namespace":"AWS/EC2","spaceId":1001}""", false)]
    [InlineData("""{"source":"aws.cloudwatch","metricType":"MetricType","spaceId":1000}""", false)]
    [InlineData("""{"source":"aws.cloudwatch","scope":"Service"}""", true)]
    [InlineData("""{"source":"aws.other","scope":"Service"}""", false)]
    public void Matches_NestedOr_CombinesAndAndOr(string json, bool expected)
    {
        const string pattern = """
            {"source":["aws.cloudwatch"],
             "$or":[{"metricName":["CPUUtilization","ReadLatency"]},
                    {"metricType":["MetricType"],"namespace":["AWS/EC2","AWS/ES"],"$or":[{"metricId":[1234]},{"spaceId":[1000]}]},
                    {"scope":["Service"]}]}
            """;
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));
    }

    [Theory]
    [InlineData("""{"namespace":"AWS/EC2","detail":{"source":"aws.cloudwatch"}}""", true)]
    [InlineData("""{"metricName":"ReadLatency","detail":{"detail-type":"CloudWatch Alarm State Change"}}""", true)]
    [InlineData("""{"metricName":"ReadLatency","detail":{"source":"x"}}""", false)]
    public void Matches_ParallelOrs_BothMustHold(string json, bool expected)
    {
        const string pattern = """
            {"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"namespace":["AWS/EC2","AWS/ES"]}],
             "detail":{"$or":[{"source":["aws.cloudwatch"]},{"detail-type":["CloudWatch Alarm State Change"]}]}}
            """;
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));
    }

    [Theory]
    [InlineData("title", false)]
    [InlineData("price", true)]
    public void Matches_OrAlternativeInsideSameArray_StaysElementConsistent(string key, bool expected)
    {
        // Each $or alternative joins the conditions outside it; together they must hold in one difference.
        string pattern = """
            {"data":{"differences":{"type":["changed"]}},
             "$or":[{"data":{"differences":{"fields":{"key":["KEY"]}}}},{"kadoateamid":["nobody"]}]}
            """.Replace("KEY", key, StringComparison.Ordinal);
        Assert.Equal(expected, KadoaSample.Matches(pattern, KadoaSample.Event));
    }

    [Fact]
    public void Matches_OrFieldOverridesEarlierSamePath_LastOneWins()
    {
        const string pattern = """{"a":["x"],"$or":[{"a":["y"]},{"b":["z"]}]}""";
        Assert.True(KadoaSample.Matches(pattern, """{"a":"y"}"""));
        Assert.True(KadoaSample.Matches(pattern, """{"a":"x","b":"z"}"""));
        Assert.False(KadoaSample.Matches(pattern, """{"a":"x"}"""));
    }
}
