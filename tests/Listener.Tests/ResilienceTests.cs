using KadoaBridge.Azurite;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.KadoaSimulator;
using Xunit.Abstractions;

namespace KadoaBridge.Listener.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ResilienceTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Drain_MidStream_ReplacementSocketTakesOverWithoutLossOrDuplicates()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var emitted = new List<SimulatedEvent>();
        for (var i = 0; i < 100; i++)
        {
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 5}"));
        }

        await bridge.Kadoa.DrainAsync(retryAfterMs: 100, closeAfter: TimeSpan.FromSeconds(1));
        for (var i = 0; i < 100; i++)
        {
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 5}")); // delivered on both sockets during the overlap
        }

        await Wait.UntilAsync(() => bridge.Kadoa.Subscriptions.Count >= 2, Timeout, "a replacement socket subscribes");
        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, emitted.Count, Timeout);
        await bridge.Kadoa.WaitForAcksAsync(emitted.Select(e => e.DeliveryId), Timeout);

        Delivery.AssertExactlyOnce(emitted.Select(Delivery.ExpectedId), bridge.IngressIdCounts, output, "drain");
        var resubscribe = bridge.Kadoa.Subscriptions[^1];
        Assert.NotNull(resubscribe.LastCursor);
    }

    [Fact]
    public async Task AbruptClose_RepeatedMidStream_ResumesFromCursorWithoutLoss()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        // A first event establishes a cursor (a fresh install has none; after that the stored checkpoint is the resume point).
        var emitted = new List<SimulatedEvent> { await bridge.Kadoa.EmitDataChangeAsync("wf-first") };
        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 1, Timeout);
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 60; i++)
            {
                emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 7}"));
            }

            bridge.Kadoa.AbortAllSockets();
            await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        }

        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, emitted.Count, Timeout);
        var duplicates = Delivery.AssertNoLoss(emitted.Select(Delivery.ExpectedId), bridge.IngressIdCounts, output, "abrupt closes");
        Assert.Equal(0, duplicates); // replays of what is still in flight are suppressed in memory
        Assert.True(bridge.Kadoa.Subscriptions.Count >= 6);
        Assert.All(bridge.Kadoa.Subscriptions.Skip(1), s => Assert.NotNull(s.LastCursor));
    }

    [Fact]
    public async Task HeartbeatLoss_SilentSocket_IsReplacedAndStreamContinues()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var first = await bridge.Kadoa.EmitDataChangeAsync("wf-hb");
        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 1, Timeout);

        bridge.Kadoa.HeartbeatsPaused = true;
        await Wait.UntilAsync(() => bridge.Kadoa.Subscriptions.Count >= 2, Timeout, "the listener reconnects after heartbeats stop");
        bridge.Kadoa.HeartbeatsPaused = false;
        var second = await bridge.Kadoa.EmitDataChangeAsync("wf-hb");

        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 2, Timeout);
        Delivery.AssertExactlyOnce([first.ChangeId!, second.ChangeId!], bridge.IngressIdCounts, output, "heartbeat loss");
        Assert.Contains(bridge.Logs, l => l.Id.Name == "HeartbeatLost");
        Assert.Equal(first.Cursor, bridge.Kadoa.Subscriptions[1].LastCursor);
    }

    [Fact]
    public async Task EventGridOutage_503Then429_HoldsEventsWithinBudgetAndCatchesUp()
    {
        var settings = new Dictionary<string, string?> { ["Forwarding:MaxInflightEvents"] = "50" };
        await using var bridge = await BridgeHarness.StartAsync(azurite, settings: settings);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        bridge.EventGrid.InjectFault(BridgeHarness.Topic, new FaultSpec(503, Duration: TimeSpan.FromSeconds(3)));

        var emitted = new List<SimulatedEvent>();
        for (var i = 0; i < 200; i++)
        {
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 4}"));
        }

        // While Event Grid refuses, nothing is acknowledged and the listener stops reading once 50 events are held.
        await Wait.UntilAsync(() => bridge.Service<ListenerState>().State == ConnectionState.Paused, Timeout, "the listener pauses");
        Assert.Empty(bridge.Kadoa.AckCounts);
        Assert.True(bridge.Service<Core.Forwarding.ForwardingPipeline>().Budget.Events <= 50);

        await bridge.EventGrid.WaitForAcceptedAsync(BridgeHarness.Topic, 1, Timeout);
        bridge.EventGrid.InjectFault(BridgeHarness.Topic, new FaultSpec(429, Count: 5, RetryAfter: TimeSpan.FromMilliseconds(100)));
        for (var i = 0; i < 50; i++)
        {
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 4}"));
        }

        await Wait.UntilAsync(() => Delivery.ExpectedIdsArrived(emitted, bridge.IngressIdCounts), Timeout, "every event arrives after the outage");
        await bridge.Kadoa.WaitForAcksAsync(emitted.Select(e => e.DeliveryId), Timeout);
        Delivery.AssertNoLoss(emitted.Select(Delivery.ExpectedId), bridge.IngressIdCounts, output, "Event Grid outage");
        Assert.True(bridge.Service<ListenerMetrics>().PublishFailures > 0, "publish failures are counted (kadoa.listener.publish.failures)");
    }

    [Fact]
    public async Task Restart_ListenerKilledMidStream_ResumesFromCheckpointWithoutLoss()
    {
        await using var bridge = await BridgeHarness.StartAsync(azurite);
        await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var emitted = new List<SimulatedEvent>();
        for (var i = 0; i < 300; i++)
        {
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 9}"));
        }

        await Wait.UntilAsync(() => bridge.IngressIdCounts.Count >= 100, Timeout, "a first part is forwarded");
        await Wait.UntilAsync(() => bridge.Service<ListenerState>().CheckpointCursor is not null, Timeout, "a first checkpoint is stored");

        // Killed while Kadoa goes on sending: what the dead listener held in memory, and everything sent while it is
        // down, must come back through the stored cursor.
        await bridge.StopListenerAsync(abrupt: true);
        for (var i = 0; i < 300; i++)
        {
            emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 9}"));
        }

        await bridge.StartListenerAsync();
        await Wait.UntilAsync(() => bridge.Kadoa.Subscriptions.Count >= 2, Timeout, "the restarted listener subscribes");
        await Wait.UntilAsync(() => Delivery.ExpectedIdsArrived(emitted, bridge.IngressIdCounts), Timeout, "every event arrives after the restart");

        var duplicates = Delivery.AssertNoLoss(emitted.Select(Delivery.ExpectedId), bridge.IngressIdCounts, output, "kill and restart");
        output.WriteLine($"duplicates after restart (same CloudEvent ids; ingest dedupes them): {duplicates}");
        Assert.NotNull(bridge.Kadoa.Subscriptions[1].LastCursor); // resumed from the stored checkpoint, not live-only
    }

    [Fact]
    public async Task StorageOutage_CheckpointsFailing_StopsAcknowledgingAndReadingThenCatchesUp()
    {
        var folder = Directory.CreateTempSubdirectory("azurite-outage-");
        var storage = await AzuriteInstance.StartAsync(new AzuriteOptions { Location = folder.FullName });
        var restartOptions = storage.RestartOptions;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["Forwarding:MaxInflightEvents"] = "40",
        };
        await using var bridge = await BridgeHarness.StartAsync(azurite, settings: settings);
        try
        {
            await bridge.Kadoa.WaitForSubscribersAsync(1, Timeout);
            var emitted = new List<SimulatedEvent>();
            for (var i = 0; i < 20; i++)
            {
                emitted.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 3}"));
            }

            await bridge.Kadoa.WaitForAcksAsync(emitted.Select(e => e.DeliveryId), Timeout);
            await storage.DisposeAsync(); // storage goes away
            var during = new List<SimulatedEvent>();
            for (var i = 0; i < 150; i++)
            {
                during.Add(await bridge.Kadoa.EmitDataChangeAsync($"wf-{i % 3}"));
            }

            // Checkpoints fail, so nothing more is acknowledged, and the listener stops reading once 40 are held.
            await Wait.UntilAsync(() => bridge.Service<ListenerState>().State == ConnectionState.Paused, Timeout, "the listener pauses");
            Assert.DoesNotContain(during, e => bridge.Kadoa.AckCounts.ContainsKey(e.DeliveryId));
            Assert.True(bridge.Service<Core.Forwarding.ForwardingPipeline>().Budget.Events <= 40);

            storage = await AzuriteInstance.StartAsync(restartOptions); // storage comes back, data intact
            emitted.AddRange(during);
            await Wait.UntilAsync(() => Delivery.ExpectedIdsArrived(emitted, bridge.IngressIdCounts), Timeout, "every event arrives after the outage");
            await bridge.Kadoa.WaitForAcksAsync(during.Select(e => e.DeliveryId), Timeout);
            Delivery.AssertNoLoss(emitted.Select(Delivery.ExpectedId), bridge.IngressIdCounts, output, "storage outage");
            var store = bridge.Service<Core.Forwarding.CheckpointStore>();
            await Wait.UntilAsync(async () => (await store.ReadAsync(bridge.TeamId, CancellationToken.None))?.Cursor == during[^1].Cursor, Timeout, "the checkpoint reaches the last cursor");
        }
        finally
        {
            output.WriteLine(string.Join("\n", bridge.Logs.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => $"{l.Timestamp:HH:mm:ss.fff} {l.Message}").Distinct().Take(15)));
            await bridge.StopListenerAsync();
            await storage.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }
}
