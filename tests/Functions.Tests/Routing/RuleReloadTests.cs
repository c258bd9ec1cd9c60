using System.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using Xunit.Abstractions;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>A rule written through the API reaches a running ingest within 10 s, without a restart.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class RuleReloadTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Requirement = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ingest_RulePutAndDeletedWhileRunning_TakesEffectWithoutRestart()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite, refreshInterval: TimeSpan.FromMilliseconds(200));
        var workflow = RoutingEvents.NewWorkflow();
        var before = await harness.IngestAsync(RoutingEvents.DataChange(RoutingEvents.NewId(), workflow));
        Assert.Equal(RouteOutcome.Default, before.Route);

        await harness.PutRuleAsync("live-edit", $$"""{"filter":{"kadoaworkflowid":["{{workflow}}"]},"destinations":["pricing"]}""");
        var applied = await IngestUntilAsync(harness, workflow, r => r.Route == RouteOutcome.Matched && r.Deliveries.ContainsKey(RoutingHarness.Pricing));
        (await harness.DeleteAsync("live-edit")).AssertStatus(204);
        var removed = await IngestUntilAsync(harness, workflow, r => r.Route == RouteOutcome.Default);

        output.WriteLine($"RulesRefreshInterval 200 ms: PUT applied after {applied.TotalMilliseconds:F0} ms, DELETE after {removed.TotalMilliseconds:F0} ms");
        Assert.True(applied < Requirement && removed < Requirement);
    }

    [Fact]
    public async Task Ingest_RuleReplacedWhileRunning_TakesEffectWithoutRestart()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite, refreshInterval: TimeSpan.FromMilliseconds(200));
        var workflow = RoutingEvents.NewWorkflow();
        var rule = $$"""{"filter":{"kadoaworkflowid":["{{workflow}}"]},"destinations":["pricing"]}""";
        var etag = await harness.PutRuleAsync("replaced", rule);
        await IngestUntilAsync(harness, workflow, r => r.Deliveries.Keys.SequenceEqual([RoutingHarness.Pricing]));

        var replaced = (await harness.PutAsync("replaced", rule.Replace("pricing", "audit", StringComparison.Ordinal), new Dictionary<string, string> { ["If-Match"] = etag }))
            .AssertStatus(200);
        var applied = await IngestUntilAsync(harness, workflow, r => r.Deliveries.Keys.SequenceEqual([RoutingHarness.Audit]));

        output.WriteLine($"RulesRefreshInterval 200 ms: replacement applied after {applied.TotalMilliseconds:F0} ms");
        Assert.NotEqual(etag, replaced.ETag);
        Assert.True(applied < Requirement);
    }

    [Fact]
    public async Task Ingest_RulePutWithDefaultRefreshInterval_TakesEffectWithinTenSeconds()
    {
        await using var harness = await RoutingHarness.StartAsync(azurite);
        var workflow = RoutingEvents.NewWorkflow();
        Assert.Equal(RouteOutcome.Default, (await harness.IngestAsync(RoutingEvents.DataChange(RoutingEvents.NewId(), workflow))).Route);

        await harness.PutRuleAsync("default-interval", $$"""{"filter":{"kadoaworkflowid":["{{workflow}}"]},"destinations":["audit"],"final":true}""");
        var applied = await IngestUntilAsync(harness, workflow, r => r.Deliveries.Keys.SequenceEqual([RoutingHarness.Audit]));

        output.WriteLine($"RulesRefreshInterval 5 s (default): PUT applied after {applied.TotalMilliseconds:F0} ms");
        Assert.True(applied < Requirement);
    }

    /// <summary>Ingests a fresh event of <paramref name="workflow"/> until one is routed as <paramref name="routed"/>; returns how long that took.</summary>
    private static async Task<TimeSpan> IngestUntilAsync(RoutingHarness harness, string workflow, Func<IngestResult, bool> routed)
    {
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        await Wait.UntilAsync(
            async () =>
            {
                attempts++;
                var result = await harness.IngestAsync(RoutingEvents.DataChange(RoutingEvents.NewId(), workflow));
                Assert.Equal(IngestOutcome.Processed, result.Outcome);
                return routed(result);
            },
            Requirement + TimeSpan.FromSeconds(5),
            "an ingested event is routed by the changed rules");
        Assert.InRange(attempts, 1, 1000);
        return clock.Elapsed;
    }
}
