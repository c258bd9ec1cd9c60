namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>PUT /api/routes/{name} rejects invalid rules with a 400 problem+json naming the JSON path, and stores nothing.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class RoutesApiValidationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("not json", "$")]
    [InlineData("", "$")]
    [InlineData("""{"destinations":["pricing"]""", "$")]
    [InlineData("""["pricing"]""", "$")]
    [InlineData("""{"destinations":["pricing"],"Filter":{"type":["x"]}}""", "$.Filter")]
    [InlineData("""{"destinations":["pricing"],"priority":1}""", "$.priority")]
    [InlineData("""{"destinations":["pricing"],"a b":1}""", "$['a b']")]
    [InlineData("""{"destinations":["pricing"],"destinations":["changes"]}""", "$.destinations")]
    [InlineData("""{"name":"another-name","destinations":["pricing"]}""", "$.name")]
    [InlineData("""{"name":7,"destinations":["pricing"]}""", "$.name")]
    [InlineData("""{"destinations":["pricing"],"description":["x"]}""", "$.description")]
    [InlineData("""{"destinations":["pricing"],"enabled":"yes"}""", "$.enabled")]
    [InlineData("""{"destinations":["pricing"],"final":1}""", "$.final")]
    [InlineData("""{"destinations":["pricing"],"order":1.5}""", "$.order")]
    [InlineData("""{"destinations":["pricing"],"order":"1"}""", "$.order")]
    [InlineData("""{"destinations":["pricing"],"order":2147483648}""", "$.order")]
    [InlineData("""{}""", "$.destinations")]
    [InlineData("""{"destinations":[]}""", "$.destinations")]
    [InlineData("""{"destinations":"pricing"}""", "$.destinations")]
    [InlineData("""{"destinations":["pricing",5]}""", "$.destinations[1]")]
    [InlineData("""{"destinations":["pricing","pricng"]}""", "$.destinations[1]")]
    [InlineData("""{"destinations":["Pricing"]}""", "$.destinations[0]")]
    [InlineData("""{"destinations":["pricing","pricing"]}""", "$.destinations[1]")]
    [InlineData("""{"destinations":["pricing"],"filter":"{\"type\":[\"x\"]}"}""", "$.filter")]
    [InlineData("""{"destinations":["pricing"],"filter":{}}""", "$.filter")]
    [InlineData("""{"destinations":["pricing"],"filter":{"type":"Kadoa.Workflow.DataChanged"}}""", "$.filter.type")]
    [InlineData("""{"destinations":["pricing"],"filter":{"data":{"url":[{"prefix":5}]}}}""", "$.filter.data.url[0].prefix")]
    [InlineData("""{"destinations":["pricing"],"filter":{"data":{"differences":{"type":["changed",{"suffx":"d"}]}}}}""", "$.filter.data.differences.type[1].suffx")]
    [InlineData("""{"destinations":["pricing"],"transform":[]}""", "$.transform")]
    [InlineData("""{"destinations":["pricing"],"transform":{"omitSnapshots":true}}""", "$.transform.omitSnapshots")]
    [InlineData("""{"destinations":["pricing"],"transform":{"omitSnapshot":"true"}}""", "$.transform.omitSnapshot")]
    [InlineData("""{"destinations":["pricing"],"transform":{"type":""}}""", "$.transform.type")]
    [InlineData("""{"destinations":["pricing"],"transform":{"type":5}}""", "$.transform.type")]
    [InlineData("""{"destinations":["pricing"],"transform":{"keepDataFields":"url"}}""", "$.transform.keepDataFields")]
    [InlineData("""{"destinations":["pricing"],"transform":{"keepDataFields":["url",""]}}""", "$.transform.keepDataFields[1]")]
    [InlineData("""{"destinations":["pricing"],"transform":{"keepDataFields":["url","url"]}}""", "$.transform.keepDataFields[1]")]
    public async Task Put_InvalidRule_Returns400NamingThePathAndStoresNothing(string body, string path)
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        var answer = await harness.PutAsync("invalid-rule", body);

        answer.AssertProblem(400, path);
        Assert.StartsWith(path + ": ", answer.Detail, StringComparison.Ordinal);
        (await harness.GetAsync("invalid-rule")).AssertProblem(404);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ümlaut")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Put_InvalidNameInUrl_Returns400OnName(string name)
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        (await harness.PutAsync(name, """{"destinations":["pricing"]}""")).AssertProblem(400, "$.name");
    }

    [Fact]
    public async Task Put_LongDescription_Returns400OnDescription()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        var body = $$"""{"description":"{{new string('d', 1025)}}","destinations":["pricing"]}""";

        (await harness.PutAsync("long", body)).AssertProblem(400, "$.description");
    }

    [Fact]
    public async Task Put_SeveralErrors_NamesTheFirstAndListsEvery()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        var answer = await harness.PutAsync("many", """{"destinations":["pricng","audit","audti"],"filter":{"data":{"url":[{"prefix":5}]}}}""");

        answer.AssertProblem(400, "$.filter.data.url[0].prefix");
        Assert.Contains("$.destinations[0]: unknown destination 'pricng' (configured: audit, changes, pricing)", answer.Detail, StringComparison.Ordinal);
        Assert.Contains("$.destinations[2]: unknown destination 'audti'", answer.Detail, StringComparison.Ordinal);
        Assert.Equal(["$.filter.data.url[0].prefix", "$.destinations[0]", "$.destinations[2]"], answer.Http.ErrorFields);
        Assert.Equal(["unknown destination 'pricng' (configured: audit, changes, pricing)"], answer.Http.Errors[1].Value);
    }

    [Fact]
    public async Task TestRoutes_CloudEventMissingSeveralAttributes_ErrorsNameEach()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        var answer = await harness.TestAsync("""{"specversion":"1.0","data":{}}""");

        answer.AssertProblem(400, "$.id");
        Assert.Equal(["$.id", "$.type", "$.source"], answer.Http.ErrorFields);
    }

    [Fact]
    public async Task Put_UnknownDestination_NamesTheConfiguredAliases()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        var answer = await harness.PutAsync("typo", """{"destinations":["changes","audit","pricng"]}""");

        answer.AssertProblem(400, "$.destinations[2]");
        Assert.Equal("$.destinations[2]: unknown destination 'pricng' (configured: audit, changes, pricing)", answer.Detail);
    }

    [Fact]
    public async Task Put_BodyOver32KiB_Returns413OnBody()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        var body = $$$"""{"destinations":["pricing"],"transform":{"keepDataFields":[{{{string.Join(",", Enumerable.Range(0, 4000).Select(i => $"\"field{i}\""))}}}]}}""";

        (await harness.PutAsync("huge", body)).AssertProblem(413, "body");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Put_NotJson_Returns415(string? contentType)
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        (await harness.PutAsync("plain", """{"destinations":["pricing"]}""", contentType: contentType)).AssertProblem(415, "Content-Type");
        (await harness.GetAsync("plain")).AssertProblem(404);
    }

    [Fact]
    public async Task Put_JsonWithCharset_IsAccepted()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        (await harness.PutAsync("charset", """{"destinations":["pricing"]}""", contentType: "application/json; charset=utf-8")).AssertStatus(201);
    }
}
