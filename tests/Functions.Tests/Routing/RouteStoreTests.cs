using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Routing.Store;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>The store as ingest's rule source: a cheap version that changes with every write, rules read only after a change.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class RouteStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task LoadAsync_NothingChanged_ReturnsTheSameRulesAndVersion()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        await harness.PutRuleAsync("steady", """{"destinations":["pricing"]}""");

        var first = await harness.Store.LoadAsync(CancellationToken.None);
        var second = await harness.Store.LoadAsync(CancellationToken.None);

        Assert.Equal(first.Version, second.Version);
        Assert.Same(first.Rules, second.Rules);
        Assert.Equal("steady", Assert.Single(first.Rules).Name);
    }

    [Fact]
    public async Task LoadAsync_AfterEachWrite_ReturnsANewVersion()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var versions = new List<string> { (await harness.Store.LoadAsync(CancellationToken.None)).Version };

        await harness.PutRuleAsync("a", """{"destinations":["pricing"]}""");
        versions.Add((await harness.Store.LoadAsync(CancellationToken.None)).Version);
        await harness.PutRuleAsync("a", """{"destinations":["audit"]}""");
        versions.Add((await harness.Store.LoadAsync(CancellationToken.None)).Version);
        await harness.PutRuleAsync("b", """{"destinations":["audit"]}""");
        versions.Add((await harness.Store.LoadAsync(CancellationToken.None)).Version);
        (await harness.DeleteAsync("a")).AssertStatus(204);
        var last = await harness.Store.LoadAsync(CancellationToken.None);
        versions.Add(last.Version);

        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(["b"], last.Rules.Select(r => r.Name));
        Assert.Equal(["audit"], last.Rules[0].Destinations);
    }

    [Fact]
    public async Task PutAsync_RuleRoundTrips_ThroughTheTable()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var rule = new RouteRule
        {
            Name = "round.trip_1",
            Description = "Prix baissés — größer",
            Enabled = false,
            Order = -3,
            Filter = """{"data":{"url":[{"prefix":"https://shop.example/?a=1&b=<2>"}]}}""",
            Destinations = ["pricing", "audit"],
            Transform = new RouteTransform { OmitSnapshot = true, Type = "T", KeepDataFields = ["url"] },
            Final = true,
        };

        var written = await harness.Store.PutAsync(rule, RoutePrecondition.None, CancellationToken.None);
        var stored = await harness.Store.GetAsync(rule.Name, CancellationToken.None);

        Assert.Equal(RouteWriteStatus.Created, written.Status);
        Assert.NotNull(stored);
        Assert.Equal(written.ETag, stored.ETag);
        Assert.Equal(RouteJson.Serialize(rule), RouteJson.Serialize(stored.Rule));
        Assert.Equal(rule.Filter, stored.Rule.Filter);
        Assert.Equal(rule.Description, stored.Rule.Description);
        Assert.Equal(rule.Destinations, stored.Rule.Destinations);
        Assert.True(stored.Rule.Transform is { OmitSnapshot: true, Type: "T", KeepDataFields: ["url"] });
        Assert.False(stored.Rule.Enabled);
        Assert.True(stored.Rule.Final);
        Assert.Equal(-3, stored.Rule.Order);
    }
}
