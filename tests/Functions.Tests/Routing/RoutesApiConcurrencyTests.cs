namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>List, get, put and delete with ETag / If-Match / If-None-Match concurrency.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class RoutesApiConcurrencyTests(AzuriteFixture azurite)
{
    private const string V1 = """{"description":"v1","destinations":["pricing"]}""";
    private const string V2 = """{"description":"v2","destinations":["pricing"]}""";
    private const string V3 = """{"description":"v3","destinations":["pricing"]}""";

    [Fact]
    public async Task Put_NewRule_Returns201WithETagLocationAndTheRuleWithDefaults()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        var created = await harness.PutAsync("price-drops", """
            {"description":"Price changes of wf-1","filter":{"kadoaworkflowid":["wf-1"],"data":{"changedKeys":["price"]}},
             "destinations":["pricing"],"transform":{"omitSnapshot":true,"type":"Kadoa.Pricing.Changed","keepDataFields":["url"]}}
            """);

        created.AssertStatus(201);
        Assert.Equal("application/json", created.ContentType);
        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.Equal("/api/routes/price-drops", created.Location);
        var got = (await harness.GetAsync("price-drops")).AssertStatus(200);
        Assert.Equal(created.ETag, got.ETag);
        Assert.Equal(created.Body, got.Body);
        var rule = got.Json;
        Assert.Equal("price-drops", rule["name"]!.GetValue<string>());
        Assert.True(rule["enabled"]!.GetValue<bool>());
        Assert.Equal(0, rule["order"]!.GetValue<int>());
        Assert.False(rule["final"]!.GetValue<bool>());
        Assert.Equal("price", rule["filter"]!["data"]!["changedKeys"]![0]!.GetValue<string>());
        Assert.Equal("Kadoa.Pricing.Changed", rule["transform"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_StaleIfMatch_Returns412AndKeepsTheNewerRule()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var first = await harness.PutRuleAsync("edited", V1);

        var second = (await harness.PutAsync("edited", V2, IfMatch(first))).AssertStatus(200);
        var stale = await harness.PutAsync("edited", V3, IfMatch(first));

        Assert.NotEqual(first, second.ETag);
        stale.AssertProblem(412);
        var current = (await harness.GetAsync("edited")).AssertStatus(200);
        Assert.Equal("v2", current.Json["description"]!.GetValue<string>());
        Assert.Equal(second.ETag, current.ETag);
    }

    [Fact]
    public async Task Put_IfNoneMatchStar_CreatesOnceThenReturns412()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var createOnly = new Dictionary<string, string> { ["If-None-Match"] = "*" };

        (await harness.PutAsync("create-only", V1, createOnly)).AssertStatus(201);
        var conflict = await harness.PutAsync("create-only", V2, createOnly);

        conflict.AssertProblem(412);
        Assert.Contains("already exists", conflict.Detail, StringComparison.Ordinal);
        Assert.Equal("v1", (await harness.GetAsync("create-only")).Json["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_IfMatchStar_ReplacesOnlyAnExistingRule()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var anyVersion = IfMatch("*");

        (await harness.PutAsync("replace-only", V1, anyVersion)).AssertProblem(412);
        (await harness.GetAsync("replace-only")).AssertProblem(404);
        await harness.PutRuleAsync("replace-only", V1);
        (await harness.PutAsync("replace-only", V2, anyVersion)).AssertStatus(200);
        Assert.Equal("v2", (await harness.GetAsync("replace-only")).Json["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_WithoutConditions_ReplacesAndChangesTheETag()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var first = await harness.PutRuleAsync("last-writer", V1);

        var replaced = (await harness.PutAsync("last-writer", V2)).AssertStatus(200);

        Assert.NotEqual(first, replaced.ETag);
        Assert.Equal(replaced.ETag, (await harness.GetAsync("last-writer")).ETag);
    }

    [Fact]
    public async Task Put_IfMatchOnDeletedRule_Returns412()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var etag = await harness.PutRuleAsync("gone", V1);
        (await harness.DeleteAsync("gone")).AssertStatus(204);

        (await harness.PutAsync("gone", V2, IfMatch(etag))).AssertProblem(412);
        (await harness.GetAsync("gone")).AssertProblem(404);
    }

    [Theory]
    [InlineData("If-None-Match", "\"abc\"", "If-None-Match")]
    [InlineData("If-Match", "\"a\", \"b\"", "If-Match")]
    [InlineData("If-Match", "abc", "If-Match")]
    public async Task Put_BadConditionHeader_Returns400NamingTheHeader(string header, string value, string field)
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        (await harness.PutAsync("headers", V1, new Dictionary<string, string> { [header] = value })).AssertProblem(400, field);
    }

    [Fact]
    public async Task Put_BothConditionHeaders_Returns400()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var both = new Dictionary<string, string> { ["If-Match"] = "*", ["If-None-Match"] = "*" };

        (await harness.PutAsync("headers", V1, both)).AssertProblem(400, "If-Match");
    }

    [Fact]
    public async Task Delete_StaleIfMatch_Returns412ThenCurrentETagDeletes()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var first = await harness.PutRuleAsync("doomed", V1);
        var second = await harness.PutRuleAsync("doomed", V2);

        (await harness.DeleteAsync("doomed", IfMatch(first))).AssertProblem(412);
        (await harness.GetAsync("doomed")).AssertStatus(200);
        (await harness.DeleteAsync("doomed", IfMatch(second))).AssertStatus(204);

        (await harness.GetAsync("doomed")).AssertProblem(404);
        (await harness.DeleteAsync("doomed")).AssertProblem(404);
        (await harness.DeleteAsync("doomed", IfMatch(second))).AssertProblem(412);
    }

    [Fact]
    public async Task Delete_IfNoneMatch_Returns400()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("kept", V1);

        (await harness.DeleteAsync("kept", new Dictionary<string, string> { ["If-None-Match"] = "*" })).AssertProblem(400, "If-None-Match");
        (await harness.GetAsync("kept")).AssertStatus(200);
    }

    [Theory]
    [InlineData("no-such-rule")]
    [InlineData("bad name")]
    public async Task Get_Unknown_Returns404(string name)
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        (await harness.GetAsync(name)).AssertProblem(404);
    }

    [Fact]
    public async Task List_ReturnsEveryRuleInEvaluationOrderAndTheUnmatchedBehaviour()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("zeta", """{"order":-5,"destinations":["audit"]}""");
        await harness.PutRuleAsync("beta", """{"order":10,"destinations":["pricing"]}""");
        await harness.PutRuleAsync("alpha", """{"order":10,"enabled":false,"destinations":["changes"]}""");
        await harness.PutRuleAsync("first", """{"destinations":["changes"]}""");

        var list = (await harness.ListAsync()).AssertStatus(200).Json;

        Assert.Equal(["zeta", "first", "alpha", "beta"], list["rules"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        Assert.False(list["rules"]![2]!["enabled"]!.GetValue<bool>());
        Assert.Equal("default:changes", list["unmatched"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_NoRulesAndNoDefault_ShowsDropped()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite, defaultDestination: null);

        var list = (await harness.ListAsync()).AssertStatus(200).Json;

        Assert.Empty(list["rules"]!.AsArray());
        Assert.Equal("dropped", list["unmatched"]!.GetValue<string>());
    }

    private static Dictionary<string, string> IfMatch(string etag) => new() { ["If-Match"] = etag };
}
