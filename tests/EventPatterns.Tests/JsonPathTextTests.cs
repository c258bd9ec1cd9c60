namespace EventPatterns.Tests;

public class JsonPathTextTests
{
    [Theory]
    [InlineData("data", "$.data")]
    [InlineData("_x1", "$._x1")]
    [InlineData("prïce", "$.prïce")]
    [InlineData("detail-type", "$['detail-type']")]
    [InlineData("1st", "$['1st']")]
    [InlineData("", "$['']")]
    [InlineData("it's", "$['it\\'s']")]
    [InlineData("a\\b", "$['a\\\\b']")]
    [InlineData("tab\t", "$['tab\\u0009']")]
    public void Property_Name_NormalizedAsRfc9535(string name, string expected) =>
        Assert.Equal(expected, JsonPathText.Property(JsonPathText.Root, name));

    [Fact]
    public void Index_ArrayElement_InBrackets() =>
        Assert.Equal("$.a[12]", JsonPathText.Index(JsonPathText.Property(JsonPathText.Root, "a"), 12));

    [Theory]
    [InlineData("$.data.url[0].prefix", "$.filter.data.url[0].prefix")]
    [InlineData("$['detail-type']", "$.filter['detail-type']")]
    [InlineData("$", "$.filter")]
    public void Rebase_PatternErrorPath_UnderTheEmbeddingField(string patternPath, string expected) =>
        Assert.Equal(expected, JsonPathText.Rebase("$.filter", patternPath));

    [Fact]
    public void Rebase_ValidationError_PointsIntoTheHostDocument()
    {
        PatternValidationException error = KadoaSample.Invalid("""{"data":{"url":[{"prefix":5}]}}""");
        Assert.Equal("$.rule.filter.data.url[0].prefix", JsonPathText.Rebase("$.rule.filter", error.Path));
    }
}
