using System.Text.Json.Nodes;
using KadoaBridge.Core.Reconcile;
using KadoaBridge.KadoaSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions.Tests.Reconcile;

/// <summary>
/// Reconciliation with Kadoa's REST record, end to end through the real queue hop: whatever Kadoa recorded reaches each
/// destination exactly once, whether the realtime path carried it or not. Each test has its own Azurite.
/// </summary>
[Trait("Category", "Integration")]
public class ReconcileEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task GapFill_ListenerDownLongerThanTheBacklog_EveryMissedChangeOnceToEachDestination()
    {
        // Kadoa keeps a backlog of 5 events per cursor: a listener down for 30 events misses 25 of them for good.
        await using var harness = await ReconcileHarness.StartAsync(new KadoaSimulatorOptions { RealtimeBacklog = 5 });
        const string workflow = "wf-gap";
        (await harness.SetupAsync($$"""{"workflowIds":["{{workflow}}"],"eventTypes":["workflow_data_change"]}""")).AssertStatus(200);
        await harness.StartListenerAsync();
        await harness.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var before = await EmitAsync(harness, workflow, 10);
        await harness.PumpUntilAsync(() => harness.AllArrived(before), Timeout, "the first 10 changes arrive through the realtime path");

        await harness.StopListenerAsync();
        var whileDown = await EmitAsync(harness, workflow, 30);
        await harness.StartListenerAsync();
        var replayed = whileDown.TakeLast(5).ToList();
        await harness.PumpUntilAsync(() => harness.AllArrived(replayed), Timeout, "the 5 changes still in Kadoa's backlog arrive on resume");
        var missed = whileDown.Take(25).ToList();
        Assert.All(missed, id => Assert.Equal((0, 0), harness.Arrivals(id)));

        var run = await harness.Host.Services.GetRequiredService<GapFillService>().RunIfDueAsync(CancellationToken.None);
        await harness.PumpUntilAsync(() => harness.AllArrived(missed), Timeout, "the gap-fill delivers the 25 missed changes");

        Assert.NotNull(run);
        Assert.Equal(25, run.Missing);
        Assert.Equal(40, run.Found);
        Assert.All(before.Concat(whileDown), id => Assert.Equal((1, 1), harness.Arrivals(id)));
        Assert.All(missed, id => Assert.Equal("backfill", harness.Delivered(id).Single().CloudEvent.GetProperty("kadoaorigin").GetString()));
        var reconcile = (await harness.StatusAsync()).AssertStatus(200).Json["reconcile"]!;
        Assert.Equal(25, (int)reconcile["lastRun"]!["missing"]!);
    }

    [Fact]
    public async Task Backfill_TwiceOverTheSameRange_TheSecondPublishesNothing()
    {
        await using var harness = await ReconcileHarness.StartAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var recorded = await EmitAsync(harness, "wf-backfill", 130); // two pages of Kadoa's 100; no listener ever ran
        var body = $$"""{"workflowIds":["wf-backfill"],"from":"{{from:O}}"}""";

        var first = await RunBackfillAsync(harness, body);
        await harness.PumpUntilAsync(() => harness.AllArrived(recorded), Timeout, "the backfill delivers the 130 recorded changes");
        var second = await RunBackfillAsync(harness, body);
        await harness.PumpUntilAsync(() => true, Timeout, "the queues are empty");

        Assert.Equal((130, 130), ((int)first["found"]!, (int)first["missing"]!));
        Assert.Equal((130, 0), ((int)second["found"]!, (int)second["missing"]!));
        Assert.All(recorded, id => Assert.Equal((1, 1), harness.Arrivals(id)));
        var delivered = harness.Delivered(recorded[0]).Single().CloudEvent;
        Assert.Equal(recorded[0], delivered.GetProperty("id").GetString());
        Assert.False(delivered.TryGetProperty("kadoadeliveryid", out _));
        Assert.Equal("backfill", delivered.GetProperty("kadoaorigin").GetString());
    }

    [Fact]
    public async Task Setup_FreshInstallation_ChangesRecordedBeforeTheFirstConnectionArrive()
    {
        await using var harness = await ReconcileHarness.StartAsync();
        (await harness.SetupAsync("""{"workflowIds":["wf-fresh"],"eventTypes":["workflow_data_change"]}""")).AssertStatus(200);
        var beforeConnecting = await EmitAsync(harness, "wf-fresh", 5); // Kadoa records them; no listener is connected yet

        // The next gap-fill tick runs for the workflow just set up, though its interval has not passed.
        var gapFill = harness.Host.Services.GetRequiredService<GapFillService>();
        await gapFill.RunIfDueAsync(CancellationToken.None);
        await harness.PumpUntilAsync(() => harness.AllArrived(beforeConnecting), Timeout, "the changes recorded before the first connection arrive");
        await harness.StartListenerAsync();
        await harness.Kadoa.WaitForSubscribersAsync(1, Timeout);
        var live = await EmitAsync(harness, "wf-fresh", 3);
        await harness.PumpUntilAsync(() => harness.AllArrived(live), Timeout, "live changes arrive");

        Assert.All(beforeConnecting.Concat(live), id => Assert.Equal((1, 1), harness.Arrivals(id)));
        Assert.Null(await gapFill.RunIfDueAsync(CancellationToken.None)); // nothing due any more until the interval passes
    }

    [Fact]
    public async Task DataPending_EventBeforeKadoaStoredTheData_DeliveredWithItsData()
    {
        await using var harness = await ReconcileHarness.StartAsync();
        await harness.StartListenerAsync();
        await harness.Kadoa.WaitForSubscribersAsync(1, Timeout);

        var pending = await harness.Kadoa.EmitDataChangeAsync("wf-pending", options: new EmitOptions { ChangeDataPending = true });
        await harness.PumpUntilAsync(() => harness.Kadoa.AckCounts.ContainsKey(pending.DeliveryId), Timeout, "the listener forwarded the pending event");
        await harness.PumpUntilAsync(() => true, Timeout, "ingest parked it");
        Assert.Equal((0, 0), harness.Arrivals(pending.ChangeId!)); // not delivered without its data
        Assert.True(harness.Kadoa.SetChangeDataPending(pending.ChangeId!, false)); // Kadoa stored the data
        await harness.PumpUntilAsync(() => harness.AllArrived([pending.ChangeId!]), Timeout, "the change is delivered once Kadoa has its data");

        var data = harness.Delivered(pending.ChangeId!).Single().CloudEvent.GetProperty("data");
        Assert.Equal(System.Text.Json.JsonValueKind.Array, data.GetProperty("snapshot").ValueKind);
        Assert.False(data.TryGetProperty("dataPending", out _));
        Assert.Equal((1, 1), harness.Arrivals(pending.ChangeId!));
    }

    [Fact]
    public async Task DataPending_KadoaNeverStoresTheData_DeliveredPendingAfterTheTimeoutAndCounted()
    {
        await using var harness = await ReconcileHarness.StartAsync(settings: new Dictionary<string, string?> { ["Reconcile:EnrichTimeout"] = "00:00:03" });
        await harness.StartListenerAsync();
        await harness.Kadoa.WaitForSubscribersAsync(1, Timeout);

        var pending = await harness.Kadoa.EmitDataChangeAsync("wf-pending", options: new EmitOptions { ChangeDataPending = true });
        await harness.PumpUntilAsync(() => harness.AllArrived([pending.ChangeId!]), Timeout, "the change is delivered after the wait");

        var data = harness.Delivered(pending.ChangeId!).Single().CloudEvent.GetProperty("data");
        Assert.True(data.GetProperty("dataPending").GetBoolean());
        var timeouts = (await harness.StatusAsync()).AssertStatus(200).Json["reconcile"]!["dataPendingTimeouts"]!;
        Assert.Equal(1, (int)timeouts["count"]!);
        Assert.Equal(pending.ChangeId, (string?)timeouts["lastId"]);
    }

    [Fact]
    public async Task Backfill_KadoaAnswers429_WaitsWhatRetryAfterSaysAndCompletes()
    {
        await using var harness = await ReconcileHarness.StartAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var recorded = await EmitAsync(harness, "wf-429", 3);
        harness.Kadoa.FailNextRequests("/v5/changes", 429, 1, retryAfter: TimeSpan.FromSeconds(2));

        var job = await RunBackfillAsync(harness, $$"""{"workflowIds":["wf-429"],"from":"{{from:O}}"}""");
        await harness.PumpUntilAsync(() => harness.AllArrived(recorded), Timeout, "the backfill delivers after Kadoa's 429");

        Assert.Equal("Completed", (string?)job["state"]);
        var asked = harness.Kadoa.TimedRequestLog.Where(r => r.Request == "GET /v5/changes").Select(r => r.At).ToList();
        Assert.True(asked.Count >= 2, $"Kadoa was asked {asked.Count} times.");
        Assert.True(asked[1] - asked[0] >= TimeSpan.FromSeconds(1.9), $"The retry came {(asked[1] - asked[0]).TotalSeconds:0.00} s after the 429 that said 2 s.");
    }

    [Fact]
    public async Task Backfill_WorkflowsLeftOut_CoversEveryWorkflowSetUpAndRefusesWhenThereIsNone()
    {
        await using var harness = await ReconcileHarness.StartAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var body = $$"""{"from":"{{from:O}}"}""";
        (await harness.StartBackfillAsync(body)).AssertProblem(400, "workflowIds"); // nothing set up yet: nothing to cover

        (await harness.SetupAsync("""{"workflowIds":["wf-all-1","wf-all-2"],"eventTypes":["workflow_data_change"]}""")).AssertStatus(200);
        var recorded = (await EmitAsync(harness, "wf-all-1", 2)).Concat(await EmitAsync(harness, "wf-all-2", 2)).ToList();
        var job = await RunBackfillAsync(harness, body);
        await harness.PumpUntilAsync(() => harness.AllArrived(recorded), Timeout, "both workflows' changes arrive");

        Assert.Equal(["wf-all-1", "wf-all-2"], job["workflowIds"]!.AsArray().Select(w => (string)w!));
        Assert.Equal(4, (int)job["missing"]!);
    }

    private static async Task<List<string>> EmitAsync(ReconcileHarness harness, string workflowId, int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add((await harness.Kadoa.EmitDataChangeAsync(workflowId)).ChangeId!);
        }

        return ids;
    }

    /// <summary>Starts a backfill (202 + Location) and runs it to its end; returns the finished job.</summary>
    private static async Task<JsonNode> RunBackfillAsync(ReconcileHarness harness, string body)
    {
        var started = (await harness.StartBackfillAsync(body)).AssertStatus(202);
        var id = (string)started.Json["id"]!;
        Assert.Equal($"/api/backfill/{id}", started.Location);
        JsonNode? job = null;
        await harness.PumpUntilAsync(
            () =>
            {
                job = harness.GetBackfillAsync(id).GetAwaiter().GetResult().AssertStatus(200).Json;
                return (string?)job["state"] != "Running";
            },
            Timeout,
            "the backfill finishes");
        return job!;
    }
}
