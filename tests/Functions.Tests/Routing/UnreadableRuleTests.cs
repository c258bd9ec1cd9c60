using Azure.Data.Tables;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Routing.Store;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Http;
using KadoaBridge.Functions.Tests.ControlPlane;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>A rule row that cannot be used (not a rule, or naming a destination that is gone) is skipped and shown, never fatal.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class UnreadableRuleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ingest_GarbageRuleRow_OtherRulesRouteAndStatusNamesTheSkippedRows()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("prices", """{"order":10,"filter":{"data":{"changedKeys":["price"]}},"destinations":["pricing"],"final":true}""");
        var routes = harness.Service<TableServiceClient>().GetTableClient(TableNames.Routes);
        // Written past the API, as a hand edit or another version of the bridge could.
        await routes.UpsertEntityAsync(new TableEntity(RouteStore.Partition, "garbled") { ["Rule"] = "{not a rule" });
        await routes.UpsertEntityAsync(new TableEntity(RouteStore.Partition, "orphan") { ["Rule"] = """{"order":1,"destinations":["gone"]}""" });
        try
        {
            var id = RoutingEvents.NewId();

            var result = await harness.IngestAsync(RoutingEvents.DataChange(id, RoutingEvents.NewWorkflow()));

            Assert.Equal(RouteOutcome.Matched, result.Route);
            Assert.Equal([RoutingHarness.Pricing], result.Deliveries.Keys);
            Assert.Equal([id], harness.EventGrid.GetAccepted(RoutingHarness.Pricing).Select(e => e.Id));
            var request = FunctionsTestHost.Request("GET", "/api/status");
            var status = await HttpAnswer.ExecuteAsync(await harness.Host.Create<StatusFunction>().RunAsync(request, CancellationToken.None), request);
            var skipped = status.AssertStatus(200).Json["skippedRules"]!.AsArray();
            Assert.Equal(["garbled", "orphan"], skipped.Select(s => (string)s!["name"]!));
            Assert.Contains("cannot be read", (string)skipped[0]!["reason"]!, StringComparison.Ordinal);
            Assert.Contains("'gone'", (string)skipped[1]!["reason"]!, StringComparison.Ordinal);
            Assert.Equal(["orphan", "prices"], (await harness.Store.ListAsync(CancellationToken.None)).Select(r => r.Rule.Name));
        }
        finally
        {
            await routes.DeleteEntityAsync(RouteStore.Partition, "garbled");
            await routes.DeleteEntityAsync(RouteStore.Partition, "orphan");
        }
    }
}
