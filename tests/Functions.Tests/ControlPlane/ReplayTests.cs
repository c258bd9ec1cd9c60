using System.Text.Json;
using System.Text.Json.Nodes;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Routing;
using KadoaBridge.Functions.Tests.Ingest;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary><c>POST /api/replay</c> and <c>GET /api/replay/{id}</c>: stored changes reach their destinations again with the same ids.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ReplayTests(AzuriteFixture azurite)
{
    /// <summary>History days only this class writes to (the day index is shared by every test of the assembly).</summary>
    private static readonly DateTimeOffset Day = new(2019, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartReplay_SmallWorkflow_RunsInlineAndRepublishesTheSameEvents()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var workflow = ChangeEvents.NewWorkflow("wf-replay");
        var ids = Enumerable.Range(0, 3).Select(_ => SampleEvents.NewId()).ToList();
        await harness.IngestAllAsync(ids.Select((id, i) => ChangeEvents.DataChange(id, workflow, Day.AddDays(30).AddMinutes(i))));
        await harness.EventGrid.WaitForAcceptedAsync(IngestHarness.Changes, 3, Timeout);

        var answer = (await harness.ReplayAsync($$"""{"workflowId":"{{workflow}}"}""")).AssertStatus(200);

        Assert.Null(answer.Json["id"]);
        Assert.Equal("Completed", (string)answer.Json["state"]!);
        Assert.Equal(3, (long)answer.Json["processed"]!);
        Assert.Equal(3, (long)answer.Json["published"]!);
        Assert.Equal(Enumerable.Reverse(ids), answer.Json["ids"]!.AsArray().Select(n => (string)n!));
        var counts = harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes);
        Assert.All(ids, id => Assert.Equal(2, counts[id]));
        foreach (var group in harness.EventGrid.GetAccepted(IngestHarness.Changes).GroupBy(e => e.Id))
        {
            var copies = group.Select(e => JsonNode.Parse(e.CloudEvent.GetRawText())!.AsObject()).ToList();
            // Each delivery carries the trace context of its own publish (distributed-tracing extension); nothing else differs.
            Assert.All(copies, c => Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", (string)c["traceparent"]!));
            copies.ForEach(c => c.Remove("traceparent"));
            Assert.True(JsonNode.DeepEquals(copies[0], copies[1]), $"The replayed {group.Key} differs from the original.");
        }
    }

    [Fact]
    public async Task StartReplay_TimeRangeOfEveryWorkflow_OnlyChangesInTheRange()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);
        var events = Enumerable.Range(0, 6).Select(i => (Id: SampleEvents.NewId(), Workflow: ChangeEvents.NewWorkflow("wf-span"), Time: Day.AddHours(10 * i))).ToList();
        await harness.IngestAllAsync(events.Select(e => ChangeEvents.DataChange(e.Id, e.Workflow, e.Time)));
        var from = Day.AddHours(10);
        var to = Day.AddHours(40);

        var answer = (await harness.ReplayAsync($$"""{"from":"{{ChangeHistoryTests.Iso(from)}}","to":"{{ChangeHistoryTests.Iso(to)}}"}""")).AssertStatus(200);

        var inRange = events.Where(e => e.Time >= from && e.Time <= to).OrderByDescending(e => e.Time).Select(e => e.Id).ToList();
        Assert.Equal(inRange, answer.Json["ids"]!.AsArray().Select(n => (string)n!));
        var counts = harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes);
        Assert.All(events, e => Assert.Equal(inRange.Contains(e.Id) ? 2 : 1, counts[e.Id]));
    }

    [Fact]
    public async Task StartReplay_MoreThanTheInlineLimit_RunsInBackgroundWithProgressUntilCompleted()
    {
        var settings = new Dictionary<string, string?> { ["Replay:InlineLimit"] = "5", ["Replay:PageSize"] = "4" };
        await using var harness = await ControlPlaneHarness.StartAsync(azurite, settings);
        var workflow = ChangeEvents.NewWorkflow("wf-bulk");
        var ids = Enumerable.Range(0, 13).Select(_ => SampleEvents.NewId()).ToList();
        await harness.IngestAllAsync(ids.Select((id, i) => ChangeEvents.DataChange(id, workflow, Day.AddDays(40).AddMinutes(i))));

        var started = (await harness.ReplayAsync($$"""{"workflowId":"{{workflow}}"}""")).AssertStatus(202);
        var jobId = (string)started.Json["id"]!;
        Assert.Equal($"/api/replay/{jobId}", started.Location);
        Assert.Equal("Running", (string)started.Json["state"]!);
        Assert.Null(started.Json["ids"]);
        var before = (await harness.GetReplayAsync(jobId)).AssertStatus(200);
        Assert.Equal(0, (long)before.Json["processed"]!);

        var progress = await harness.RunReplayWorkerAsync(jobId);

        Assert.Equal([4, 8, 12, 13], progress);
        var done = (await harness.GetReplayAsync(jobId)).AssertStatus(200);
        Assert.Equal("Completed", (string)done.Json["state"]!);
        Assert.Equal(13, (long)done.Json["processed"]!);
        Assert.Equal(13, (long)done.Json["published"]!);
        Assert.NotNull(done.Json["completedAt"]);
        var counts = harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes);
        Assert.All(ids, id => Assert.Equal(2, counts[id]));
    }

    [Fact]
    public async Task ReplayWorker_SameWorkItemDeliveredTwice_AdvancesTheJobOnce()
    {
        var settings = new Dictionary<string, string?> { ["Replay:InlineLimit"] = "2", ["Replay:PageSize"] = "2" };
        await using var harness = await ControlPlaneHarness.StartAsync(azurite, settings);
        var workflow = ChangeEvents.NewWorkflow("wf-twice");
        await harness.IngestAllAsync(Enumerable.Range(0, 5).Select(i => ChangeEvents.DataChange(SampleEvents.NewId(), workflow, Day.AddDays(50).AddMinutes(i))));
        var jobId = (string)(await harness.ReplayAsync($$"""{"workflowId":"{{workflow}}"}""")).AssertStatus(202).Json["id"]!;
        var replay = harness.Service<ReplayService>();
        var firstItem = JsonSerializer.SerializeToUtf8Bytes(new ReplayWorkItem(jobId, 0), ControlPlaneJsonContext.Default.ReplayWorkItem);

        var once = await replay.ProcessAsync(firstItem, CancellationToken.None);
        var again = await replay.ProcessAsync(firstItem, CancellationToken.None);

        Assert.Equal(2, once!.Processed);
        Assert.Equal(2, again!.Processed);
        // The queue holds the original item for page 0 (a repeat now: ignored) and the one for page 1, which carries on.
        Assert.Equal([2, 4, 5], await harness.RunReplayWorkerAsync(jobId));
    }

    [Fact]
    public async Task StartReplay_DestinationSubset_OnlyThoseTopicsGetTheEvents()
    {
        var both = new RouteRule { Name = "both", Destinations = [IngestHarness.Changes, IngestHarness.Pricing] };
        await using var harness = await ControlPlaneHarness.StartAsync(azurite, rules: [both]);
        var workflow = ChangeEvents.NewWorkflow("wf-subset");
        var id = SampleEvents.NewId();
        await harness.IngestAllAsync([ChangeEvents.DataChange(id, workflow, Day.AddDays(60))]);

        var answer = (await harness.ReplayAsync($$"""{"workflowId":"{{workflow}}","destinations":["pricing"]}""")).AssertStatus(200);

        Assert.Equal(1, (long)answer.Json["published"]!);
        Assert.Equal(1, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes)[id]);
        Assert.Equal(2, harness.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing)[id]);
    }

    [Fact]
    public async Task StartReplay_NothingStored_CompletesWithNoIds()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        var answer = (await harness.ReplayAsync($$"""{"workflowId":"{{ChangeEvents.NewWorkflow("wf-empty")}}"}""")).AssertStatus(200);

        Assert.Equal("Completed", (string)answer.Json["state"]!);
        Assert.Empty(answer.Json["ids"]!.AsArray());
    }
}
