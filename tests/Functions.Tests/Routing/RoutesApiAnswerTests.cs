using System.Text.Json.Nodes;
using Azure.Data.Tables;
using KadoaBridge.Core.Routing.Store;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>
/// What the routes API answers is the rule as the README's "A rule" table documents it, nothing internal (a stored rule
/// answered <c>"isIdentity": false</c> inside <c>transform</c> before issue #15), so a rule read can be written back as is.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class RoutesApiAnswerTests(AzuriteFixture azurite)
{
    private static readonly string[] RuleProperties = ["name", "description", "enabled", "order", "filter", "destinations", "transform", "final"];
    private static readonly string[] TransformProperties = ["omitSnapshot", "type", "keepDataFields"];

    private const string Rule = """{"description":"d","filter":{"type":["Kadoa.Workflow.DataChanged"]},"destinations":["pricing"],"transform":{"omitSnapshot":true,"keepDataFields":["url"]}}""";

    [Fact]
    public async Task PutGetList_RuleWithTransform_AnswerOnlyTheDocumentedProperties()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);

        var put = (await harness.PutAsync("shaped", Rule)).AssertStatus(201);
        var got = (await harness.GetAsync("shaped")).AssertStatus(200);
        var listed = (await harness.ListAsync()).AssertStatus(200);

        foreach (var rule in new[] { put.Json, got.Json, listed.Json["rules"]!.AsArray().Single()! })
        {
            AssertDocumented(rule.AsObject());
        }

        Assert.DoesNotContain("isIdentity", got.Body, StringComparison.OrdinalIgnoreCase);
        var row = await harness.Service<TableServiceClient>().GetTableClient(TableNames.Routes).GetEntityAsync<TableEntity>(RouteStore.Partition, "shaped");
        Assert.DoesNotContain("isIdentity", row.Value.GetString("Rule"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Put_TheBodyGetAnswered_AcceptedUnchanged()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("round-trip", Rule);
        var got = (await harness.GetAsync("round-trip")).AssertStatus(200);

        var put = await harness.PutAsync("round-trip", got.Body, new Dictionary<string, string> { ["If-Match"] = got.ETag! });

        put.AssertStatus(200);
        Assert.True(JsonNode.DeepEquals(got.Json, put.Json), $"{got.Body} became {put.Body}");
    }

    [Fact]
    public async Task Get_RowWrittenWithIsIdentity_ReadsAndAnswersWithoutIt()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var routes = harness.Service<TableServiceClient>().GetTableClient(TableNames.Routes);
        // As the bridge stored a rule before issue #15.
        await routes.UpsertEntityAsync(new TableEntity(RouteStore.Partition, "older")
        {
            ["Rule"] = """{"name":"older","enabled":true,"order":0,"destinations":["pricing"],"transform":{"omitSnapshot":true,"isIdentity":false},"final":false}""",
        });

        var got = (await harness.GetAsync("older")).AssertStatus(200);

        AssertDocumented(got.Json.AsObject());
        Assert.True(got.Json["transform"]!["omitSnapshot"]!.GetValue<bool>());
    }

    private static void AssertDocumented(JsonObject rule)
    {
        Assert.All(rule.Select(p => p.Key), name => Assert.Contains(name, RuleProperties));
        if (rule["transform"] is JsonObject transform)
        {
            Assert.All(transform.Select(p => p.Key), name => Assert.Contains(name, TransformProperties));
        }
    }
}
