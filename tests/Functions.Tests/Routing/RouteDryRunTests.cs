using System.Text.Json.Nodes;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>POST /api/routes/test: an event or a stored change id in; matching rules and resulting CloudEvents out; nothing published.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class RouteDryRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Test_Event_ReturnsMatchedRulesStoppedByAndShapedEventsWithoutPublishing()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("price-drops", """
            {"order":10,"filter":{"data":{"differences":{"type":["changed"],"fields":{"key":["price"]}}}},"destinations":["pricing"],
             "transform":{"omitSnapshot":true,"type":"Kadoa.Pricing.Changed","keepDataFields":["url","differences"]}}
            """);
        await harness.PutRuleAsync("audit-all", """{"order":20,"destinations":["audit","pricing"],"final":true}""");
        await harness.PutRuleAsync("never-reached", """{"order":30,"destinations":["changes"]}""");
        var id = RoutingEvents.NewId();

        var report = (await harness.TestAsync(RoutingEvents.DataChange(id, "wf-1"))).AssertStatus(200).Json;

        Assert.Equal(id, report["eventId"]!.GetValue<string>());
        Assert.Equal("Matched", report["outcome"]!.GetValue<string>());
        Assert.Equal(["price-drops", "audit-all"], Names(report["matchedRules"]!));
        Assert.Equal("audit-all", report["stoppedBy"]!.GetValue<string>());
        var deliveries = report["deliveries"]!.AsArray();
        Assert.Equal(["pricing", "audit"], deliveries.Select(d => d!["destination"]!.GetValue<string>()));
        var pricing = deliveries[0]!;
        Assert.Equal("price-drops", pricing["rule"]!.GetValue<string>());
        Assert.Equal("Kadoa.Pricing.Changed", pricing["cloudEvent"]!["type"]!.GetValue<string>());
        Assert.Equal(["changeId", "workflowId", "url", "differences"], pricing["cloudEvent"]!["data"]!.AsObject().Select(p => p.Key));
        var audit = deliveries[1]!;
        Assert.Equal("audit-all", audit["rule"]!.GetValue<string>());
        Assert.Equal("Kadoa.Workflow.DataChanged", audit["cloudEvent"]!["type"]!.GetValue<string>());
        Assert.NotNull(audit["cloudEvent"]!["data"]!["snapshot"]);
        Assert.Equal(0, harness.EventGrid.TotalRequests);
    }

    [Fact]
    public async Task Test_StoredChangeId_RoutesTheStoredEventUnderTodaysRules()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var id = RoutingEvents.NewId();
        var workflow = RoutingEvents.NewWorkflow();
        var ingested = await harness.IngestAsync(RoutingEvents.DataChange(id, workflow));
        Assert.Equal([RoutingHarness.Changes], ingested.Deliveries.Keys);
        await harness.PutRuleAsync("this-workflow", $$$"""{"filter":{"kadoaworkflowid":["{{{workflow}}}"]},"destinations":["audit"],"transform":{"type":"Audit.Changed"}}""");
        var published = harness.EventGrid.TotalRequests;

        var report = (await harness.TestAsync($$"""{"changeId":"{{id}}"}""")).AssertStatus(200).Json;

        Assert.Equal(id, report["eventId"]!.GetValue<string>());
        Assert.Equal("Matched", report["outcome"]!.GetValue<string>());
        Assert.Equal(["this-workflow"], Names(report["matchedRules"]!));
        var delivery = Assert.Single(report["deliveries"]!.AsArray())!;
        Assert.Equal("audit", delivery["destination"]!.GetValue<string>());
        Assert.Equal("Audit.Changed", delivery["cloudEvent"]!["type"]!.GetValue<string>());
        Assert.Equal(id, delivery["cloudEvent"]!["id"]!.GetValue<string>());
        Assert.Equal(published, harness.EventGrid.TotalRequests);
    }

    [Fact]
    public async Task Test_UnknownChangeId_Returns404()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        (await harness.TestAsync("""{"changeId":"chg-never-stored"}""")).AssertProblem(404);
    }

    [Fact]
    public async Task Test_NoRuleMatches_ShowsTheDefaultDestinationWithTheEventUnchanged()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("other-workflow", """{"filter":{"kadoaworkflowid":["wf-other"]},"destinations":["audit"]}""");

        var report = (await harness.TestAsync(RoutingEvents.DataChange(RoutingEvents.NewId(), "wf-1"))).AssertStatus(200).Json;

        Assert.Equal("Default", report["outcome"]!.GetValue<string>());
        Assert.Empty(report["matchedRules"]!.AsArray());
        var delivery = Assert.Single(report["deliveries"]!.AsArray())!;
        Assert.Equal("changes", delivery["destination"]!.GetValue<string>());
        Assert.Null(delivery["rule"]);
        Assert.Equal("Kadoa.Workflow.DataChanged", delivery["cloudEvent"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Test_NoRuleMatchesAndNoDefault_ShowsDropped()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite, defaultDestination: null);

        var report = (await harness.TestAsync(RoutingEvents.DataChange(RoutingEvents.NewId(), "wf-1"))).AssertStatus(200).Json;

        Assert.Equal("Dropped", report["outcome"]!.GetValue<string>());
        Assert.Empty(report["deliveries"]!.AsArray());
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[1]", "$")]
    [InlineData("""{"changeId":5}""", "$.changeId")]
    [InlineData("""{"changeId":""}""", "$.changeId")]
    [InlineData("""{"specversion":"1.0","id":"x","type":"t"}""", "$.source")]
    [InlineData("""{"specversion":"1.0","source":"s","type":"t","id":7}""", "$.id")]
    [InlineData("""{"changeId":"x","id":"x"}""", "$.specversion")]
    public async Task Test_InvalidBody_Returns400NamingThePath(string body, string path)
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        (await harness.TestAsync(body)).AssertProblem(400, path);
    }

    [Fact]
    public async Task Test_NotJson_Returns415()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        (await harness.TestAsync("""{"changeId":"x"}""", contentType: "text/plain")).AssertProblem(415);
    }

    private static IEnumerable<string> Names(JsonNode array) => array.AsArray().Select(n => n!.GetValue<string>());
}
