using System.Text.Json;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Routing;
using KadoaBridge.EventGridEmulator;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>Rules applied by ingest end to end: order, final, default, dropped, transforms, and per-destination delivery state.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class RoutingIngestTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ingest_FinalRule_StopsLaterRulesAndOrderDecides()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var stopped = RoutingEvents.NewWorkflow();
        await harness.PutRuleAsync("catch-all", """{"order":50,"destinations":["changes"]}""");
        await harness.PutRuleAsync("stop-here", $$"""{"order":5,"filter":{"kadoaworkflowid":["{{stopped}}"]},"destinations":["audit"],"final":true}""");
        await harness.PutRuleAsync("prices", """{"order":10,"filter":{"data":{"changedKeys":["price"]}},"destinations":["pricing"]}""");
        var stoppedId = RoutingEvents.NewId();
        var flowingId = RoutingEvents.NewId();

        var stoppedResult = await harness.IngestAsync(RoutingEvents.DataChange(stoppedId, stopped));
        var flowingResult = await harness.IngestAsync(RoutingEvents.DataChange(flowingId, RoutingEvents.NewWorkflow()));

        Assert.Equal(RouteOutcome.Matched, stoppedResult.Route);
        Assert.Equal([RoutingHarness.Audit], stoppedResult.Deliveries.Keys);
        Assert.Equal([RoutingHarness.Pricing, RoutingHarness.Changes], flowingResult.Deliveries.Keys);
        Assert.All(flowingResult.Deliveries.Values, state => Assert.Equal(DeliveryState.Published, state));
        Assert.Equal([stoppedId], AcceptedIds(harness, RoutingHarness.Audit));
        Assert.Equal([flowingId], AcceptedIds(harness, RoutingHarness.Pricing));
        Assert.Equal([flowingId], AcceptedIds(harness, RoutingHarness.Changes));
    }

    [Fact]
    public async Task Ingest_TwoRulesChooseOneDestination_DeliveredOnceShapedByTheFirst()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("b-first", """{"order":1,"destinations":["pricing"],"transform":{"type":"Shaped.By.First"}}""");
        await harness.PutRuleAsync("a-second", """{"order":2,"destinations":["pricing","audit"],"transform":{"type":"Shaped.By.Second"}}""");
        await harness.PutRuleAsync("a-tie", """{"order":1,"enabled":false,"destinations":["changes"]}""");
        var id = RoutingEvents.NewId();

        var result = await harness.IngestAsync(RoutingEvents.DataChange(id, RoutingEvents.NewWorkflow()));

        Assert.Equal([RoutingHarness.Pricing, RoutingHarness.Audit], result.Deliveries.Keys);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(RoutingHarness.Pricing)[id]);
        Assert.Equal("Shaped.By.First", Accepted(harness, RoutingHarness.Pricing, id).Type);
        Assert.Equal("Shaped.By.Second", Accepted(harness, RoutingHarness.Audit, id).Type);
        Assert.Empty(harness.EventGrid.GetAccepted(RoutingHarness.Changes)); // the disabled rule is never evaluated
    }

    [Fact]
    public async Task Ingest_EqualOrder_RulesRunByName()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("zz-last", """{"order":7,"destinations":["pricing"],"transform":{"type":"By.Z"}}""");
        await harness.PutRuleAsync("aa-first", """{"order":7,"destinations":["pricing"],"transform":{"type":"By.A"}}""");
        var id = RoutingEvents.NewId();

        await harness.IngestAsync(RoutingEvents.DataChange(id, RoutingEvents.NewWorkflow()));

        Assert.Equal("By.A", Accepted(harness, RoutingHarness.Pricing, id).Type);
    }

    [Fact]
    public async Task Ingest_NoRuleMatches_GoesUnchangedToTheDefaultDestination()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("elsewhere", """{"filter":{"kadoaworkflowid":["wf-none"]},"destinations":["pricing"],"transform":{"omitSnapshot":true}}""");
        var id = RoutingEvents.NewId();

        var result = await harness.IngestAsync(RoutingEvents.DataChange(id, RoutingEvents.NewWorkflow()));

        Assert.Equal(RouteOutcome.Default, result.Route);
        Assert.Equal([RoutingHarness.Changes], result.Deliveries.Keys);
        var delivered = Accepted(harness, RoutingHarness.Changes, id).CloudEvent;
        Assert.Equal("Kadoa.Workflow.DataChanged", delivered.GetProperty("type").GetString());
        Assert.True(delivered.GetProperty("data").TryGetProperty("snapshot", out _));
        Assert.Empty(harness.EventGrid.GetAccepted(RoutingHarness.Pricing));
    }

    [Fact]
    public async Task Ingest_NoRuleMatchesAndNoDefault_IsDropped()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite, defaultDestination: null);
        await harness.PutRuleAsync("elsewhere", """{"filter":{"kadoaworkflowid":["wf-none"]},"destinations":["pricing"]}""");

        var result = await harness.IngestAsync(RoutingEvents.DataChange(RoutingEvents.NewId(), RoutingEvents.NewWorkflow()));

        Assert.Equal(RouteOutcome.Dropped, result.Route);
        Assert.Empty(result.Deliveries);
        Assert.Equal(0, harness.EventGrid.TotalRequests);
    }

    [Fact]
    public async Task Ingest_Transform_OmitsSnapshotOverridesTypeAndKeepsListedDataFields()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("shaped", """
            {"order":1,"filter":{"data":{"differences":{"type":["changed"],"fields":{"key":["price"]}}}},"destinations":["pricing"],
             "transform":{"omitSnapshot":true,"type":"Kadoa.Pricing.Changed","keepDataFields":["url","differences","snapshot"]}}
            """);
        await harness.PutRuleAsync("full", """{"order":2,"destinations":["audit"]}""");
        var id = RoutingEvents.NewId();

        await harness.IngestAsync(RoutingEvents.DataChange(id, RoutingEvents.NewWorkflow()));

        var shaped = Accepted(harness, RoutingHarness.Pricing, id).CloudEvent;
        Assert.Equal("Kadoa.Pricing.Changed", shaped.GetProperty("type").GetString());
        Assert.Equal(id, shaped.GetProperty("id").GetString());
        Assert.Equal(["changeId", "workflowId", "url", "differences"], shaped.GetProperty("data").EnumerateObject().Select(p => p.Name));
        var full = Accepted(harness, RoutingHarness.Audit, id).CloudEvent;
        Assert.Equal("Kadoa.Workflow.DataChanged", full.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Array, full.GetProperty("data").GetProperty("snapshot").ValueKind);
        Assert.True(full.GetProperty("data").TryGetProperty("summary", out _));
    }

    [Fact]
    public async Task Ingest_OneDestinationFailing_OtherKeepsFlowingWithItsOwnState()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("both", """{"destinations":["pricing","changes"]}""");
        harness.EventGrid.InjectFault(RoutingHarness.Pricing, new FaultSpec(503));
        var ids = new[] { RoutingEvents.NewId(), RoutingEvents.NewId() };
        var deliveries = harness.Service<DeliveryStore>();

        foreach (var id in ids)
        {
            var result = await harness.IngestAsync(RoutingEvents.DataChange(id, RoutingEvents.NewWorkflow()));
            Assert.Equal(DeliveryState.Failed, result.Deliveries[RoutingHarness.Pricing]);
            Assert.Equal(DeliveryState.Published, result.Deliveries[RoutingHarness.Changes]);
        }

        Assert.Equal(ids, AcceptedIds(harness, RoutingHarness.Changes));
        Assert.Empty(harness.EventGrid.GetAccepted(RoutingHarness.Pricing));
        foreach (var id in ids)
        {
            Assert.Equal(DeliveryState.Failed, await deliveries.GetStateAsync(id, RoutingHarness.Pricing, CancellationToken.None));
            Assert.Equal(DeliveryState.Pending, await deliveries.GetStateAsync(id, RoutingHarness.Changes, CancellationToken.None)); // published first time: no state row
        }

        var due = await deliveries.DueAsync(RoutingHarness.Pricing, DateTimeOffset.UtcNow.AddHours(2), 10, CancellationToken.None);
        Assert.Subset(due.Select(d => d.Id).ToHashSet(), ids.ToHashSet());
        harness.EventGrid.ClearFaults(RoutingHarness.Pricing);
        var later = RoutingEvents.NewId();
        var recovered = await harness.IngestAsync(RoutingEvents.DataChange(later, RoutingEvents.NewWorkflow()));
        Assert.All(recovered.Deliveries.Values, state => Assert.Equal(DeliveryState.Published, state));
        Assert.Equal([later], AcceptedIds(harness, RoutingHarness.Pricing));
    }

    private static string[] AcceptedIds(RoutingHarness harness, string topic) => [.. harness.EventGrid.GetAccepted(topic).Select(e => e.Id)];

    private static AcceptedEvent Accepted(RoutingHarness harness, string topic, string id) =>
        Assert.Single(harness.EventGrid.GetAccepted(topic), e => e.Id == id);
}
