using System.Text.Json;
using System.Text.Json.Nodes;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.KadoaSimulator;
using Xunit.Abstractions;

namespace KadoaBridge.Listener.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class HappyPathTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Forward_ManyWorkflowsAndTypes_EveryEventArrivesOnceAcknowledgedAndCheckpointed()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var emitted = new List<SimulatedEvent>();
        string[] otherTypes = ["workflow_started", "workflow_finished", "workflow_failed", "credits_low", "some_future_type"];
        for (var i = 0; i < 500; i++)
        {
            emitted.Add(i % 10 == 9
                ? await bridge.Kadoa.EmitAsync(otherTypes[i % otherTypes.Length], new JsonObject { ["workflowId"] = $"wf-{i % 25}", ["n"] = i })
                : await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 25}"));
        }

        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, emitted.Count, Timeout);
        await bridge.Kadoa.WaitForAcksAsync(emitted.Select(e => e.DeliveryId), Timeout);

        Delivery.AssertExactlyOnce(emitted.Select(Delivery.ExpectedId), bridge.IngressIdCounts, output, "many workflows");
        var store = bridge.Service<CheckpointStore>();
        await Wait.UntilAsync(async () => (await store.ReadAsync(bridge.TeamId, CancellationToken.None))?.Cursor == emitted[^1].Cursor, Timeout, "the checkpoint reaches the last cursor");
        var accepted = bridge.EventGrid.GetAccepted(BridgeHarness.Topic);
        Assert.Equal(emitted.Select(Delivery.ExpectedId), accepted.Select(a => a.Id)); // arrival order is Kadoa's order
        Assert.Contains(accepted, a => a.Type == "Kadoa.Event.some_future_type");
    }

    [Theory]
    [InlineData(EnvelopeVariant.Documented)]
    [InlineData(EnvelopeVariant.Sdk)]
    [InlineData(EnvelopeVariant.Legacy)]
    public async Task Forward_EachEnvelopeVariant_ProducesTheSameContract(EnvelopeVariant variant)
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite, kadoa => kadoa.DefaultEnvelope = variant);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);

        var change = await bridge.Kadoa.EmitDataChangeAsync("wf-env");
        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 1, Timeout);

        var e = bridge.EventGrid.GetAccepted(BridgeHarness.Topic)[0].CloudEvent;
        Assert.Equal(change.ChangeId, e.GetProperty("id").GetString());
        Assert.Equal("Kadoa.Workflow.DataChanged", e.GetProperty("type").GetString());
        Assert.Equal($"workflows/wf-env/changes/{change.ChangeId}", e.GetProperty("subject").GetString());
        Assert.Equal(change.DeliveryId, e.GetProperty("kadoadeliveryid").GetString());
        Assert.Equal(bridge.TeamId, e.GetProperty("kadoateamid").GetString());
        Assert.Equal(JsonValueKind.Array, e.GetProperty("data").GetProperty("snapshot").ValueKind);
        Assert.Equal(JsonValueKind.Array, e.GetProperty("data").GetProperty("changedKeys").ValueKind);
        await bridge.Kadoa.WaitForAcksAsync([change.DeliveryId], Timeout);
    }

    [Fact]
    public async Task Health_ConnectedListener_IsAliveAndReady()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        using var http = new HttpClient { BaseAddress = bridge.ListenerUrl };

        Assert.True((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
        await Wait.UntilAsync(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode, Timeout, "/readyz answers 200");

        bridge.Kadoa.HeartbeatsPaused = true;
        await Wait.UntilAsync(async () => !(await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode, Timeout, "/readyz fails without heartbeats");
        Assert.True((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
    }
}
